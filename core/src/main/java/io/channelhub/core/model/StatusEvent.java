package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A change in a message's delivery status (CONTRACT §2), published on {@code hub.events} with the
 * core platform's metadata echoed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEvent(
        String id,
        String messageId,
        String tenantId,
        String channel,
        String providerMessageId,
        DeliveryStatus status,
        Reason reason,
        Instant timestamp,
        Map<String, Object> metadata,
        String fallbackOf) {

    public StatusEvent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An event about a message that is not an attempt of a fallback chain. */
    public StatusEvent(String id, String messageId, String tenantId, String channel, String providerMessageId,
                       DeliveryStatus status, Reason reason, Instant timestamp, Map<String, Object> metadata) {
        this(id, messageId, tenantId, channel, providerMessageId, status, reason, timestamp, metadata, null);
    }
}
