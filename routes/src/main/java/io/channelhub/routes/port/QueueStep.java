package io.channelhub.routes.port;

import java.util.List;

/**
 * One step of a flow: consumes a queued message and says what to publish next. Runs inside the
 * consumer's JMS transaction: an exception rolls everything back and the broker redelivers.
 */
@FunctionalInterface
public interface QueueStep {
    List<Outgoing> process(QueuedMessage message);
}
