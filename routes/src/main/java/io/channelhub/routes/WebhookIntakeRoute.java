package io.channelhub.routes;

import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.routes.port.WebhookIntake;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Provider webhooks: decide on the request thread (tenant, handshake, signature), queue the raw payload
 * durably, and only then answer. Normalization happens later, in the normalize route of {@link QueueRoutes}.
 * The body is a {@link WebhookCall}; the result body is the {@link io.channelhub.core.spi.WebhookReply}.
 */
@Component
public class WebhookIntakeRoute extends RouteBuilder {
    private static final String DECISION = "hubDecision";
    private final WebhookIntake intake;

    public WebhookIntakeRoute(WebhookIntake intake) {
        this.intake = intake;
    }

    /** What the HTTP layer hands over. */
    public record WebhookCall(String channel, String tenantId, WebhookRequest request) {
    }

    @Override
    public void configure() {
        // A refused webhook is the caller's error, answered 4xx by the HTTP layer: no retry, no error log.
        from(HubEndpoints.WEBHOOK_INTAKE).routeId("webhook-intake").errorHandler(noErrorHandler())
                .process(e -> {
                    WebhookCall call = e.getIn().getBody(WebhookCall.class);
                    WebhookIntake.Decision decision = intake.decide(call.channel(), call.tenantId(), call.request());
                    e.setProperty(DECISION, decision);
                    e.getIn().setBody(decision.enqueue());
                })
                .to(HubEndpoints.PUBLISH)
                .process(e -> e.getIn().setBody(e.getProperty(DECISION, WebhookIntake.Decision.class).reply()));
    }
}
