package io.channelhub.routes;

import io.channelhub.routes.port.Submissions;
import org.springframework.stereotype.Component;

/**
 * Outbound submissions from the HTTP API: accept (validate, idempotency, persist), queue for dispatch
 * with the accepted event, then answer. The answer therefore means the message is on a durable queue.
 *
 * <p>A plain call rather than a Camel {@code direct:} route, as {@link WebhookIntakeFlow} is and for the
 * same reason. A refused submission is thrown as the service's own exception; a broker that cannot take
 * the messages, as a JMS exception: either way nothing was queued and the caller is told.
 */
@Component
public class SubmitFlow {
    private final Submissions submissions;
    private final JmsPublisher publisher;

    public SubmitFlow(Submissions submissions, JmsPublisher publisher) {
        this.submissions = submissions;
        this.publisher = publisher;
    }

    public Object submit(Object command) {
        Submissions.Accepted accepted = submissions.submit(command);
        if (!accepted.outgoing().isEmpty()) {
            publisher.publish(accepted.outgoing());
        }
        return accepted.answer();
    }
}
