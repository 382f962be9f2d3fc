package io.channelhub.routes;

/** The queues of CONTRACT §3 and the hub's internal ones. */
public final class HubQueues {
    /** Core platform → hub: outbound submissions. */
    public static final String OUTBOUND = "hub.outbound";
    /** Hub → core platform: canonical inbound messages. */
    public static final String INBOUND = "hub.inbound";
    /** Hub → core platform: status events. */
    public static final String EVENTS = "hub.events";
    /** Hub → ops: dead letters with reasonCode, attempts, originalQueue. */
    public static final String DLQ = "hub.dlq";

    /** Internal: raw webhook payloads and polled items, durably queued before the provider is answered. */
    public static final String INTAKE = "hub.intake";
    /** Internal: canonical inbound messages waiting for their media to be fetched. */
    public static final String MEDIA = "hub.media";
    /** Internal: provider status reports that arrived before the send they report on was recorded. */
    public static final String STATUS_RETRY = "hub.status-retry";
    /** Internal: accepted outbound messages waiting to be sent, grouped per conversation. */
    public static final String DISPATCH = "hub.dispatch";
    /**
     * Internal: checks of outbound messages that have a fallback chain, at once when one ends undelivered and
     * scheduled for its {@code not_delivered_within} deadline: the durable timer that survives a crash.
     */
    public static final String FALLBACK = "hub.fallback";
    /** Internal: the broker's dead-letter address for the internal queues. */
    public static final String DEAD = "hub.dead";

    public static final String[] ALL = {OUTBOUND, INBOUND, EVENTS, DLQ, INTAKE, MEDIA, STATUS_RETRY, DISPATCH, FALLBACK, DEAD};

    private HubQueues() {
    }
}
