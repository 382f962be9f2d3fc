package io.channelhub.core.spi;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import java.time.Instant;

/**
 * A provider's report on a message the hub sent, matched to the hub message by
 * {@code providerMessageId}, or by {@code hubMessageId} where the provider echoes it (a status callback
 * URL carrying the hub id).
 *
 * @param recipient the address the report is about, for reports that may name no message the hub knows
 *                  (a mail bounce through a relay that rewrote the Message-ID, or one that quotes none):
 *                  the hub then takes the latest message it sent to that address on the channel; or null
 * @param watermark with {@code recipient}: the report covers every message the hub sent to the recipient
 *                  up to this time (Messenger's delivery and read watermarks), each moved forward only;
 *                  or null
 */
public record StatusUpdate(
        String providerMessageId, String hubMessageId, DeliveryStatus status, Reason reason, Instant timestamp,
        String recipient, Instant watermark)
        implements InboundEvent {

    public StatusUpdate(String providerMessageId, String hubMessageId, DeliveryStatus status, Reason reason,
                        Instant timestamp) {
        this(providerMessageId, hubMessageId, status, reason, timestamp, null, null);
    }

    public StatusUpdate(String providerMessageId, String hubMessageId, DeliveryStatus status, Reason reason,
                        Instant timestamp, String recipient) {
        this(providerMessageId, hubMessageId, status, reason, timestamp, recipient, null);
    }

    /** Every message sent to {@code recipient} up to {@code upTo} has reached {@code status}. */
    public static StatusUpdate watermark(String recipient, DeliveryStatus status, Instant upTo) {
        return new StatusUpdate(null, null, status, null, upTo, recipient, upTo);
    }
}
