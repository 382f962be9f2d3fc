package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import org.springframework.stereotype.Component;

/**
 * What the broker itself gave up on (a step kept failing past the delivery attempts, {@link HubQueues#DEAD}):
 * recorded and published on the contract's dead-letter queue like the dead letters the steps make. The
 * dead-letter queues never dead-letter themselves: what fails here is retried until fixed.
 */
@Component
public class DeadLetterFlow extends FlowRoutes {
    private final Steps steps;
    private final RoutesProperties routes;

    public DeadLetterFlow(Steps steps, RoutesProperties routes, FlowMeters meters) {
        super(meters);
        this.steps = steps;
        this.routes = routes;
    }

    @Override
    void routes() {
        from(consumer(HubQueues.DEAD, routes.deadLetters())).routeId("dead-letters")
                .process(step("dead-letters", HubQueues.DEAD, steps.deadLetter()))        // DeadLetter (+ failed Event)
                .to(HubEndpoints.PUBLISH);
    }
}
