package io.channelhub.routes;

import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.routes.port.WebhookIntake;
import org.springframework.stereotype.Component;

/**
 * Provider webhooks: decide on the request thread (tenant, handshake, signature), queue the raw payload
 * durably, and only then answer. Normalization happens later, on the intake queue
 * ({@link NormalizeFlow}).
 *
 * <p>A plain call rather than a Camel {@code direct:} route: the route's exchange, error handler and
 * reactive executor were a fifth of the CPU a webhook costs (BENCHMARKS.md), for two method calls.
 * Bad input is thrown as {@link io.channelhub.routes.port.WebhookRejectedException}; a broker that cannot
 * take the payload, as a JMS exception: either way nothing was queued and the caller is told.
 */
@Component
public class WebhookIntakeFlow {
    private final WebhookIntake intake;
    private final JmsPublisher publisher;
    private final FlowMeters meters;

    public WebhookIntakeFlow(WebhookIntake intake, JmsPublisher publisher, FlowMeters meters) {
        this.intake = intake;
        this.publisher = publisher;
        this.meters = meters;
    }

    public WebhookReply accept(String channel, String tenantId, WebhookRequest request) {
        long start = System.nanoTime();
        WebhookIntake.Decision decision = intake.decide(channel, tenantId, request);
        if (!decision.enqueue().isEmpty()) {
            publisher.publish(decision.enqueue());
        }
        meters.record("webhook", channel, System.nanoTime() - start);
        return decision.reply();
    }
}
