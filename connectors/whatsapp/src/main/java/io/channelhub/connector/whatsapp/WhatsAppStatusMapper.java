package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.GraphError;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.StatusUpdate;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps one webhook {@code statuses[]} object to a status update. Meta's order is not guaranteed and a
 * {@code read} may arrive without a {@code delivered} before it; the hub's forward-only statuses absorb
 * both. Reference:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
 */
final class WhatsAppStatusMapper {

    private WhatsAppStatusMapper() {
    }

    /** Empty for statuses the hub has no word for (e.g. {@code deleted}) and for statuses naming no message. */
    static Optional<StatusUpdate> map(JsonNode status, Instant fallbackTime) {
        String providerId = WebhookText.of(status, "id");
        // The sender puts the hub id into biz_opaque_callback_data; Meta echoes it here.
        String hubId = WebhookText.of(status, "biz_opaque_callback_data");
        DeliveryStatus delivery = deliveryStatus(WebhookText.of(status, "status"));
        if (delivery == null || providerId == null && hubId == null) {
            return Optional.empty();
        }
        Reason reason = delivery == DeliveryStatus.FAILED ? failureReason(status.path("errors")) : null;
        return Optional.of(new StatusUpdate(providerId, hubId, delivery, reason,
                WhatsAppTimestamps.parse(WebhookText.of(status, "timestamp"), fallbackTime)));
    }

    private static DeliveryStatus deliveryStatus(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            // A played voice message has necessarily been read.
            case "read", "played" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> null;
        };
    }

    private static Reason failureReason(JsonNode errors) {
        JsonNode first = errors.path(0);
        if (!first.isObject()) {
            return new Reason(ReasonCodes.PROVIDER_REJECTED, "WhatsApp reported the message failed", null, false);
        }
        GraphError error = GraphError.fromNode(first);
        return new Reason(WhatsAppErrorClassifier.reasonCodeOf(error.code()), GraphError.title(first),
                error.code() == null ? null : String.valueOf(error.code()), false);
    }
}
