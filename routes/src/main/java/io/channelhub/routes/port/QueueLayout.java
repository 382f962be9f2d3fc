package io.channelhub.routes.port;

import java.util.List;

/**
 * The hub's queues as the broker must hold them. The routes decide the layout; the embedded broker's
 * configuration, the queue-depth gauges and the console apply or show it without naming a queue.
 */
public interface QueueLayout {
    /** Every queue of the contract and of the hub, in the order ops read them. */
    List<String> all();

    /** Where the broker moves what a consumer kept failing on, past the redelivery attempts. */
    String deadLetterAddress();

    /** Entry queues: refuse new messages when full, so the hub answers 503 and the caller retries. */
    List<String> entries();

    /** Queues whose consumers wait on a provider for every message: no prefetch, so idle consumers get work. */
    List<String> providerBound();

    /** The dead-letter queues: never dead-lettered themselves; what fails there is retried until fixed. */
    List<String> terminal();
}
