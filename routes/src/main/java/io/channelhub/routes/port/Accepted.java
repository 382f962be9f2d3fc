package io.channelhub.routes.port;

import java.util.List;

/**
 * What accepting a request produced: the caller's answer, the messages that must be durably queued before the
 * answer is given (empty when an earlier, identical request queued them already), and how to take the acceptance
 * back when they could not be queued, so that a request answered 503 leaves nothing behind.
 */
public record Accepted<A>(A answer, List<Outgoing> outgoing, Runnable withdraw) {
    public Accepted {
        outgoing = List.copyOf(outgoing);
    }

    /** An acceptance with nothing of its own to take back. */
    public Accepted(A answer, List<Outgoing> outgoing) {
        this(answer, outgoing, () -> { });
    }
}
