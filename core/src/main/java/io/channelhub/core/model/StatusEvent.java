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
        Map<String, Object> metadata) {

    public StatusEvent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
