package io.channelhub.core.spi;

import java.time.Duration;

/**
 * For channels the hub fetches from (email over IMAP). The hub calls {@link #poll} at the tenant's
 * interval while the connector is enabled, never twice at once for one tenant.
 *
 * <p>Contract: for each new item the poller calls {@link Sink#accept} and only after it returns marks
 * the item processed at the provider. {@code accept} returns only once the item is durably queued, so
 * a crash mid-poll loses nothing; an item offered twice is absorbed by the hub's duplicate detection.
 *
 * <p>Items are isolated from each other: an item that cannot be fetched or read is reported with
 * {@link Sink#unreadable} and the poll goes on with the next one, so one bad item never stalls the rest.
 * The hub counts the failures of an item across polls and decides when it is set aside; the poller
 * then marks it so that it is never offered again — it never deletes it.
 */
public interface InboundPoller {

    Duration interval(TenantConnector connector);

    void poll(TenantConnector connector, Sink sink);

    /** The hub's side of a poll. */
    interface Sink {
        /** Durable hand-over of one polled item. */
        void accept(InboundPayload payload);

        /**
         * One item could not be fetched or read this time. Returns {@code true} once the hub has given up
         * on it (dead-lettered with what could be read of it): the poller must then set it aside at the
         * provider, never to offer it again; {@code false}: leave it for the next poll.
         */
        boolean unreadable(UnreadableItem item);
    }

    /**
     * An item the poller could not hand over.
     *
     * @param itemId stable id of the item at the provider across polls (for IMAP: folder, UIDVALIDITY, UID)
     * @param raw    whatever raw bytes of it could be read (the RFC 822 source where the server gives it),
     *               or empty
     * @param reason why it could not be read, for ops; no secrets
     */
    record UnreadableItem(String itemId, byte[] raw, String reason) {
        public UnreadableItem {
            raw = raw == null ? new byte[0] : raw;
        }
    }
}
