package io.channelhub.routes;

import io.channelhub.routes.port.Accepted;
import io.channelhub.routes.port.Steps;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Outbound submissions, through either door: the HTTP API ({@link #submit}) and the contract's outbound queue
 * (the {@code outbound} route). Both accept (validate, idempotency, persist), then queue the message for
 * dispatch with its accepted event; the API answers only after that, so its answer means the message is on a
 * durable queue. A submission that cannot be accepted is answered 4xx by the API, and from the queue becomes a
 * rejected event or, unreadable, a dead letter.
 *
 * <p>The API door is a plain call rather than a Camel {@code direct:} route, as {@link WebhookIntakeFlow} is
 * and for the same reason. A refused submission is thrown as the acceptance's own exception; a broker that
 * cannot take the messages, as a JMS exception after the acceptance is withdrawn: either way nothing was queued,
 * nothing stays recorded, and the caller is told.
 */
@Component
public class SubmitFlow extends FlowRoutes {
    private final Steps steps;
    private final RoutesProperties routes;
    private final JmsPublisher publisher;
    private final FlowMeters meters;

    public SubmitFlow(Steps steps, JmsPublisher publisher, RoutesProperties routes, FlowMeters meters) {
        super(meters);
        this.meters = meters;
        this.steps = steps;
        this.routes = routes;
        this.publisher = publisher;
    }

    @Override
    void routes() {
        from(consumer(HubQueues.OUTBOUND, routes.outbound())).routeId("outbound")
                .process(step("outbound", HubQueues.OUTBOUND, steps.acceptOutbound()))   // Deliver + Event | Event | DeadLetter
                .to(HubEndpoints.PUBLISH);
    }

    public <A> A submit(Supplier<Accepted<A>> acceptance) {
        long start = System.nanoTime();
        Accepted<A> accepted = acceptance.get();
        if (!accepted.outgoing().isEmpty()) {
            try {
                publisher.publish(accepted.outgoing());
            } catch (RuntimeException notQueued) {
                withdraw(accepted, notQueued);
                throw notQueued;
            }
            meters.record("submit", (String) accepted.outgoing().get(0).properties().get("channel"),
                    System.nanoTime() - start);
        }
        return accepted.answer();
    }

    /**
     * The caller is told the submission was not accepted, so it must not be sent later: without this, the recorded
     * message would wait unqueued until the one behind it queues it again. Should the broker have taken it after
     * all (a commit whose answer was lost in a failover), dispatch finds no message and dead-letters the item.
     */
    private static void withdraw(Accepted<?> accepted, RuntimeException notQueued) {
        try {
            accepted.withdraw().run();
        } catch (RuntimeException alsoFailed) {
            notQueued.addSuppressed(alsoFailed);
        }
    }
}
