package io.channelhub.routes.port;

import java.util.List;

/**
 * What accepting a request produced: the caller's answer, and the messages that must be durably queued before
 * the answer is given (empty when an earlier, identical request queued them already).
 */
public record Accepted<A>(A answer, List<Outgoing> outgoing) {
    public Accepted {
        outgoing = List.copyOf(outgoing);
    }
}
