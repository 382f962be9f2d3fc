package io.channelhub.routes.port;

import java.util.List;

/**
 * Sends messages durably, in order: inside a queue consumer with the consumed message's transaction, elsewhere
 * at once. For the work outside the queue consumers that has messages to send (mailbox polls, replays, health
 * changes, revocations); the steps return theirs to the routes instead.
 */
public interface Publisher {
    void publish(List<Outgoing> messages);
}
