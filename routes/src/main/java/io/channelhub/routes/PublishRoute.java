package io.channelhub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes the {@code List<Outgoing>} in the body, in order, on the caller's thread: inside a transacted
 * consumer all of them commit or roll back with the consumed message.
 */
@Component
public class PublishRoute extends RouteBuilder {
    private final JmsPublisher publisher;

    public PublishRoute(JmsPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void configure() {
        from(HubEndpoints.PUBLISH).routeId("publish").process(publisher);
    }
}
