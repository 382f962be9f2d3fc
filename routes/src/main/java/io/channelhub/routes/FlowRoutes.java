package io.channelhub.routes;

import io.channelhub.routes.port.QueueStep;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * The shape every queue-consuming flow shares: a transacted consumer hands each message to its step, and
 * the step's outcomes go to {@link HubEndpoints#PUBLISH}, which addresses them by {@link Topology} and sends
 * them in the consumer's transaction. A crash or an exception rolls back both; the broker redelivers with
 * backoff and, past the attempts, moves the message to {@link HubQueues#DEAD} (the backstop of
 * {@link RetryPolicy}).
 */
abstract class FlowRoutes extends RouteBuilder {
    private final FlowMeters meters;

    FlowRoutes(FlowMeters meters) {
        this.meters = meters;
    }

    @Override
    public final void configure() {
        // A step's exception is for the consumer to roll back, and the broker redelivers (RetryPolicy.Redelivery).
        // QueueStepProcessor has logged it with the message's ids; Camel neither retries it nor logs it again.
        errorHandler(noErrorHandler());
        routes();
    }

    /** The flow's routes. */
    abstract void routes();

    /** A transacted consumer of a queue, with the flow's concurrency ({@link RoutesProperties}). */
    static String consumer(String queue, RoutesProperties.Consumers concurrency) {
        return "jms:queue:" + queue + "?transacted=true"
                + "&concurrentConsumers=" + concurrency.consumers()
                + "&maxConcurrentConsumers=" + Math.max(concurrency.consumers(), concurrency.maxConsumers())
                + "&cacheLevelName=CACHE_CONSUMER";
    }

    /** The step of the flow {@code name} on each message of {@code queue}, timed ({@link FlowMeters}). */
    Processor step(String name, String queue, QueueStep step) {
        return new QueueStepProcessor(name, queue, step, meters);
    }
}
