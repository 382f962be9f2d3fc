package io.channelhub.core.spi;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import java.time.Instant;

/**
 * A provider's report on a message the hub sent, matched to the hub message by
 * {@code providerMessageId}, or by {@code hubMessageId} where the provider echoes it (a status callback
 * URL carrying the hub id).
 */
public record StatusUpdate(
        String providerMessageId, String hubMessageId, DeliveryStatus status, Reason reason, Instant timestamp)
        implements InboundEvent {
}
