package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import org.springframework.stereotype.Component;

/**
 * Accepted outbound messages to their providers. The step gates (consent, window, quiet hours, order in the
 * conversation), waits for the breaker and the rate limit, sends, and says what follows: a status event, a
 * {@code Reschedule} (a retry, or a wait that spends no attempt), or a dead letter with a failed event.
 */
@Component
public class DispatchFlow extends FlowRoutes {
    private final Steps steps;
    private final RoutesProperties routes;

    public DispatchFlow(Steps steps, RoutesProperties routes, FlowMeters meters) {
        super(meters);
        this.steps = steps;
        this.routes = routes;
    }

    @Override
    void routes() {
        from(consumer(HubQueues.DISPATCH, routes.dispatch())).routeId("dispatch")
                .process(step("dispatch", HubQueues.DISPATCH, steps.dispatch()))      // Event | Reschedule | DeadLetter
                .to(HubEndpoints.PUBLISH);
    }
}
