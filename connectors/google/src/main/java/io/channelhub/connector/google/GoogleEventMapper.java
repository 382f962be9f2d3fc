package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.google.model.RbmFields;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.StatusUpdate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * RBM's reports on messages the hub sent: {@code UserEvent} DELIVERED and READ from the device, and the
 * {@code ServerEvent}s of a message whose time to live ran out; and the user's SUBSCRIBE / UNSUBSCRIBE. The events name the RBM messageId, which
 * is the hub message id (see {@link GoogleOutboundSender}).
 * https://developers.google.com/business-communications/rcs-business-messaging/guides/build/events/receive-events
 */
final class GoogleEventMapper {

    static final String TTL_EXPIRATION_REVOKED = "TTL_EXPIRATION_REVOKED";
    static final String TTL_EXPIRATION_REVOKE_FAILED = "TTL_EXPIRATION_REVOKE_FAILED";
    static final String SUBSCRIBE = "SUBSCRIBE";
    static final String UNSUBSCRIBE = "UNSUBSCRIBE";

    private GoogleEventMapper() {
    }

    /** DELIVERED or READ of {@code event}; empty for the others. */
    static Optional<StatusUpdate> userEvent(String eventType, JsonNode event, Instant receivedAt) {
        DeliveryStatus status = switch (eventType) {
            case "DELIVERED" -> DeliveryStatus.DELIVERED;
            case "READ" -> DeliveryStatus.READ;
            default -> null;
        };
        return status == null ? Optional.empty()
                : Optional.of(update(event, status, null, RbmFields.text(event, "senderPhoneNumber"), receivedAt));
    }

    /**
     * TTL_EXPIRATION_REVOKED: Google took the message back undelivered, so it failed ({@code expired}), the
     * trigger for a fallback. TTL_EXPIRATION_REVOKE_FAILED says nothing for sure (it may still arrive, and
     * DELIVERED then follows), so it yields no status. Empty for those and for types this hub does not know.
     */
    static Optional<StatusUpdate> serverEvent(String eventType, JsonNode event, Instant receivedAt) {
        if (!TTL_EXPIRATION_REVOKED.equals(eventType)) {
            return Optional.empty();
        }
        Reason reason = new Reason(ReasonCodes.EXPIRED,
                "RBM revoked the message undelivered when its time to live ran out", TTL_EXPIRATION_REVOKED, false);
        return Optional.of(update(event, DeliveryStatus.FAILED, reason, RbmFields.text(event, "phoneNumber"),
                receivedAt));
    }

    /**
     * UNSUBSCRIBE and SUBSCRIBE: the user left or rejoined the agent in Google Messages' menu, a consent change
     * keyed on the event id. Google also sends a synthetic text ("STOP"/"START", localised by country) with it;
     * that text stays an ordinary message, for the hub's opt-out keywords treat every channel's texts alike.
     * https://developers.google.com/business-communications/rcs-business-messaging/guides/build/events/receive-events#unsubscribe
     */
    static Optional<ContactEvent> consentEvent(String eventType, JsonNode event, Instant receivedAt) {
        boolean optedIn = SUBSCRIBE.equals(eventType);
        if (!optedIn && !UNSUBSCRIBE.equals(eventType)) {
            return Optional.empty();
        }
        String sender = RbmFields.text(event, "senderPhoneNumber");
        String eventId = RbmFields.text(event, "eventId");
        if (sender == null || eventId == null) {
            throw new MalformedPayloadException("RBM " + eventType + " event without senderPhoneNumber or eventId");
        }
        return Optional.of(new ContactEvent(ContactEvent.CONSENT_CHANGED, sender, eventId,
                RbmFields.sendTime(event, receivedAt), null,
                new ContactEvent.ConsentChange(optedIn, "RBM user event " + eventType + " " + eventId),
                Map.of("eventType", eventType)));
    }

    static boolean isServerEvent(String eventType) {
        return TTL_EXPIRATION_REVOKED.equals(eventType) || TTL_EXPIRATION_REVOKE_FAILED.equals(eventType);
    }

    private static StatusUpdate update(JsonNode event, DeliveryStatus status, Reason reason, String recipient,
                                       Instant receivedAt) {
        String messageId = RbmFields.text(event, "messageId");
        if (messageId == null) {
            throw new MalformedPayloadException("RBM " + status.wireName() + " event names no messageId");
        }
        return new StatusUpdate(messageId, isUuid(messageId) ? messageId : null, status, reason,
                RbmFields.sendTime(event, receivedAt), recipient);
    }

    /** Only a UUID can be a hub id; any other messageId was not sent by this hub. */
    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
