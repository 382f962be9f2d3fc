package io.channelhub.routes.port;

/**
 * The flows a queued message travels in. Steps, stored dead letters and the console say where a message was by
 * its flow; only the routes know which queue carries each ({@link Flows} translates a stored queue name).
 */
public enum Flow {
    /** Raw webhook payloads and polled items on their way to normalization. */
    NORMALIZE,
    /** Provider reports that came before the send they report on, matched again later. */
    STATUS_RETRY,
    /** Inbound messages whose media is being fetched into hub storage. */
    MEDIA,
    /** Submissions the core platform published on the contract's outbound queue. */
    SUBMIT,
    /** Accepted outbound messages on their way to the provider. */
    DISPATCH,
    /** Outbound messages with a fallback chain, checked when they end undelivered or their deadline passes. */
    FALLBACK,
    /** Not one of the hub's flows (a message the broker dead-lettered from elsewhere). */
    OTHER
}
