package io.channelhub.core.spi;

import java.time.Duration;

/**
 * For channels the hub fetches from (email over IMAP). The hub calls {@link #poll} at the tenant's
 * interval while the connector is enabled, never twice at once for one tenant.
 *
 * <p>Contract: for each new item the poller calls {@link Sink#accept} and only after it returns marks
 * the item processed at the provider. {@code accept} returns only once the item is durably queued, so
 * a crash mid-poll loses nothing; an item offered twice is absorbed by the hub's duplicate detection.
 */
public interface InboundPoller {

    Duration interval(TenantConnector connector);

    void poll(TenantConnector connector, Sink sink);

    /** Durable hand-over of one polled item. */
    @FunctionalInterface
    interface Sink {
        void accept(InboundPayload payload);
    }
}
