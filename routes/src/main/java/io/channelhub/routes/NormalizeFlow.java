package io.channelhub.routes;

import io.channelhub.routes.port.BatchStep;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.Steps;
import jakarta.jms.ConnectionFactory;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Raw webhook payloads and polled items (hub.intake) → canonical messages ({@code Inbound}, or
 * {@code FetchMedia} first), status events ({@code Event}, or {@code MatchStatusLater}), contact events, and
 * dead letters for what no connector can read. Consumed in batches by a {@link BatchQueueConsumer} rather than
 * a Camel route: the intake is where webhooks arrive fastest and each message costs a database insert, and
 * a batch shares one database commit and one JMS commit (BENCHMARKS.md).
 */
@Configuration(proxyBeanMethods = false)
public class NormalizeFlow {

    @Bean
    public BatchQueueConsumer normalizeConsumer(Steps steps, ConnectionFactory connectionFactory,
                                                JmsPublisher publisher, RoutesProperties routes,
                                                FlowMeters meters) {
        RoutesProperties.Normalize normalize = routes.normalize();
        return new BatchQueueConsumer("normalize", HubQueues.INTAKE, timed(steps.normalize(), meters),
                connectionFactory, publisher, normalize.consumers(), normalize.batchSize(), normalize.linger(),
                normalize.isolation());
    }

    /** A batch's time is shared equally among its messages, so the timer counts messages, as the others do. */
    private static BatchStep timed(BatchStep step, FlowMeters meters) {
        return batch -> {
            long start = System.nanoTime();
            List<Outgoing> out = step.process(batch);
            long share = (System.nanoTime() - start) / Math.max(1, batch.size());
            meters.batch("normalize", batch.size());
            for (QueuedMessage message : batch) {
                meters.record("normalize", message.property("channel"), share);
            }
            return out;
        };
    }
}
