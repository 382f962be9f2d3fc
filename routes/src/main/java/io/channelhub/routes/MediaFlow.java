package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import org.springframework.stereotype.Component;

/**
 * Inbound messages that carry provider-hosted media: each item is fetched into hub storage, then the message
 * is published with hub URLs. A failed download is retried by redelivery and, past the attempts, the message
 * is published with the item marked unavailable rather than held back.
 */
@Component
public class MediaFlow extends FlowRoutes {
    private final Steps steps;
    private final RoutesProperties routes;

    public MediaFlow(Steps steps, RoutesProperties routes, FlowMeters meters) {
        super(meters);
        this.steps = steps;
        this.routes = routes;
    }

    @Override
    void routes() {
        from(consumer(HubQueues.MEDIA, routes.media())).routeId("media")
                .process(step("media", HubQueues.MEDIA, steps.fetchMedia()))       // Inbound
                .to(HubEndpoints.PUBLISH);
    }
}
