package io.channelhub.routes.port;

import java.util.List;

/**
 * A step that takes several queued messages at once, so their database writes share one transaction and
 * their publishing one JMS commit. All or nothing: an exception rolls back every message of the batch,
 * and the broker redelivers them.
 */
@FunctionalInterface
public interface BatchStep {
    List<Outgoing> process(List<QueuedMessage> batch);
}
