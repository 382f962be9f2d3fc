package io.channelhub.routes.port;

/**
 * The hub's queue steps, implemented by the application: the routes know queues and order, the steps
 * know what to do with a message.
 */
public interface Steps {
    /** hub.intake → canonical messages and status events, a batch at a time. */
    BatchStep normalize();

    /** hub.status-retry → status events for reports that came early. */
    QueueStep matchStatus();

    /** hub.media → media fetched into hub storage, message published. */
    QueueStep fetchMedia();

    /** hub.outbound → accepted (dispatch + event) or rejected event. */
    QueueStep acceptOutbound();

    /** hub.dispatch → provider send through the gate, breaker and rate limiter. */
    QueueStep dispatch();

    /** hub.fallback → the next attempt of a fallback chain (dispatch + event), or nothing when none is due. */
    QueueStep fallback();

    /** hub.dead → recorded dead letter on hub.dlq. */
    QueueStep deadLetter();
}
