package io.channelhub.routes;

import io.channelhub.routes.port.Steps;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queues consumed in batches (see {@link BatchQueueConsumer}): the intake, where webhooks arrive
 * fastest and each message costs a database insert.
 */
@Configuration(proxyBeanMethods = false)
public class BatchedQueueConsumers {

    @Bean
    public BatchQueueConsumer normalizeConsumer(Steps steps, ConnectionFactory connectionFactory,
                                                JmsPublisher publisher,
                                                @Value("${hub.routes.normalize.consumers:2}") int consumers,
                                                @Value("${hub.routes.normalize.batch-size:100}") int batchSize,
                                                @Value("${hub.routes.normalize.isolation:10s}") Duration isolation) {
        return new BatchQueueConsumer("normalize", HubQueues.INTAKE, steps.normalize(), connectionFactory, publisher,
                consumers, batchSize, isolation);
    }
}
