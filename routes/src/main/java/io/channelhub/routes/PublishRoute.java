package io.channelhub.routes;

import io.channelhub.routes.port.Outgoing;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends each {@link Outgoing} of the body to its queue, in order, on the caller's thread, so that inside
 * a transacted consumer all of them commit or roll back with the consumed message.
 */
@Component
public class PublishRoute extends RouteBuilder {
    static final String QUEUE = "hubQueue";

    @Override
    public void configure() {
        from(HubEndpoints.PUBLISH).routeId("publish")
                .split(body())
                    .process(e -> {
                        Outgoing out = e.getIn().getBody(Outgoing.class);
                        e.setProperty(QUEUE, out.queue());
                        e.getIn().removeHeaders("*");
                        e.getIn().setHeaders(new java.util.HashMap<>(out.properties()));
                        e.getIn().setBody(out.body());
                    })
                    .toD("jms:queue:${exchangeProperty." + QUEUE + "}?exchangePattern=InOnly")
                .end();
    }
}
