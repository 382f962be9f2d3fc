package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import jakarta.jms.ConnectionFactory;
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
                                                JmsPublisher publisher, RoutesProperties routes) {
        RoutesProperties.Normalize normalize = routes.normalize();
        return new BatchQueueConsumer("normalize", HubQueues.INTAKE, steps.normalize(), connectionFactory, publisher,
                normalize.consumers(), normalize.batchSize(), normalize.isolation());
    }
}
