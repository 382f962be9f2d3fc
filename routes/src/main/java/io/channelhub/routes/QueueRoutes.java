package io.channelhub.routes;

import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The consumer side of every flow: each internal or contract queue is consumed in a JMS transaction by
 * one step, and what the step returns is published in the same transaction. A crash or an exception
 * rolls back both; the broker redelivers with backoff and, past the attempts, moves the message to
 * {@link HubQueues#DEAD}. The intake is consumed in batches instead, by {@link BatchedQueueConsumers}.
 */
@Component
public class QueueRoutes extends RouteBuilder {
    private final Steps steps;

    public QueueRoutes(Steps steps) {
        this.steps = steps;
    }

    @Override
    public void configure() {
        consume(HubQueues.STATUS_RETRY, "status", steps.matchStatus());
        consume(HubQueues.MEDIA, "media", steps.fetchMedia());
        consume(HubQueues.OUTBOUND, "outbound", steps.acceptOutbound());
        consume(HubQueues.DISPATCH, "dispatch", steps.dispatch());
        consume(HubQueues.DEAD, "dead-letters", steps.deadLetter());
    }

    private void consume(String queue, String name, QueueStep step) {
        from(HubEndpoints.consumer(queue, name)).routeId(name)
                .process(new QueueStepProcessor(step))
                .to(HubEndpoints.PUBLISH);
    }
}
