package io.channelhub.routes;

import io.channelhub.routes.port.InboundPolling;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The clock of inbound polling: every tick, the tenants whose mailboxes are due are polled. Each polled
 * item is queued on {@link HubQueues#INTAKE} like a webhook body, and normalized by the same flow.
 */
@Component
public class InboundPollingRoute extends RouteBuilder {
    private final InboundPolling polling;

    public InboundPollingRoute(InboundPolling polling) {
        this.polling = polling;
    }

    @Override
    public void configure() {
        from("timer:inbound-poll?period={{hub.polling.tick:1000}}&delay={{hub.polling.initial-delay:2000}}")
                .routeId("inbound-poll")
                .process(e -> polling.tick());
    }
}
