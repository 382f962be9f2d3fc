package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import org.springframework.stereotype.Component;

/**
 * Cross-channel fallback. A check arrives at once when a message with a fallback chain ends undelivered, and at
 * its {@code not_delivered_within} deadline as a scheduled message: a timer the broker keeps across a crash. The
 * step decides whether the chain moves on, takes the first message back where its channel can, and hands the
 * next attempt to dispatch as a message of its own.
 */
@Component
public class FallbackFlow extends FlowRoutes {
    private final Steps steps;
    private final RoutesProperties routes;

    public FallbackFlow(Steps steps, RoutesProperties routes, FlowMeters meters) {
        super(meters);
        this.steps = steps;
        this.routes = routes;
    }

    @Override
    void routes() {
        from(consumer(HubQueues.FALLBACK, routes.fallback())).routeId("fallback")
                .process(step("fallback", HubQueues.FALLBACK, steps.fallback()))  // Deliver + Event | CheckFallback | Reschedule
                .to(HubEndpoints.PUBLISH);
    }
}
