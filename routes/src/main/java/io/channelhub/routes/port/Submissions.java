package io.channelhub.routes.port;

import java.util.List;

/**
 * Accepts outbound submissions from the HTTP API: validation, idempotency, persistence. The flow
 * publishes what {@link #submit} returns and answers only after that, so the answer means the message
 * is durably on the dispatch queue.
 */
public interface Submissions {

    Accepted submit(Object command);

    /**
     * @param answer   what the caller gets (the message id and status)
     * @param outgoing what to publish (dispatch + accepted event); empty for an idempotent repeat
     *                 already queued
     */
    record Accepted(Object answer, List<Outgoing> outgoing) {
    }
}
