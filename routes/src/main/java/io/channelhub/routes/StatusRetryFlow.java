package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import org.springframework.stereotype.Component;

/**
 * Provider reports that arrived before the send they report on was recorded (a provider can answer the send
 * and report on it at once): matched again, a few times with backoff, then dropped and counted.
 */
@Component
public class StatusRetryFlow extends FlowRoutes {
    private final Steps steps;
    private final RoutesProperties routes;

    public StatusRetryFlow(Steps steps, RoutesProperties routes, FlowMeters meters) {
        super(meters);
        this.steps = steps;
        this.routes = routes;
    }

    @Override
    void routes() {
        from(consumer(HubQueues.STATUS_RETRY, routes.status())).routeId("status")
                .process(step("status", HubQueues.STATUS_RETRY, steps.matchStatus()))   // Event | MatchStatusLater
                .to(HubEndpoints.PUBLISH);
    }
}
