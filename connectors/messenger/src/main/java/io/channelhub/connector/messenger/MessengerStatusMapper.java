package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code delivery} and {@code read} events to status updates. Both are watermarks: every message the Page
 * sent to that person before {@code watermark} (unix ms) is delivered, or read. A delivery may also name the
 * messages ({@code mids}); a read never does. A watermark is reported with the person as {@code recipient}
 * and the watermark as its time, so the hub can move every earlier message of the conversation.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/message-deliveries
 */
final class MessengerStatusMapper {

    private MessengerStatusMapper() {
    }

    /**
     * The updates of a {@code delivery} or {@code read} event. One that names neither a message nor the person
     * cannot move any message, and is passed on as an event instead.
     */
    static List<InboundEvent> map(MessagingEvent event, Instant fallbackTime) {
        List<StatusUpdate> updates = "read".equals(event.kind()) ? List.of(read(event, fallbackTime))
                : delivery(event, fallbackTime);
        if (updates.stream().anyMatch(u -> u.providerMessageId() == null && u.recipient() == null)) {
            return List.of(MessengerEventMapper.otherEvent(event, fallbackTime));
        }
        return List.copyOf(updates);
    }

    private static List<StatusUpdate> delivery(MessagingEvent event, Instant fallbackTime) {
        JsonNode delivery = event.event().path("delivery");
        Instant watermark = MessagingEvent.millis(delivery.get("watermark"), event.timestamp(fallbackTime));
        List<StatusUpdate> updates = new ArrayList<>();
        for (JsonNode mid : delivery.path("mids")) {
            if (mid.isTextual() && !mid.asText().isBlank()) {
                updates.add(new StatusUpdate(mid.asText(), null, DeliveryStatus.DELIVERED, null, watermark, null));
            }
        }
        if (updates.isEmpty()) {
            updates.add(watermark(DeliveryStatus.DELIVERED, event, watermark));
        }
        return updates;
    }

    private static StatusUpdate read(MessagingEvent event, Instant fallbackTime) {
        Instant watermark = MessagingEvent.millis(event.event().path("read").get("watermark"),
                event.timestamp(fallbackTime));
        return watermark(DeliveryStatus.READ, event, watermark);
    }

    /** A status of every message sent to the person before {@code watermark}, naming none of them. */
    private static StatusUpdate watermark(DeliveryStatus status, MessagingEvent event, Instant watermark) {
        return StatusUpdate.watermark(event.senderId(), status, watermark);
    }
}
