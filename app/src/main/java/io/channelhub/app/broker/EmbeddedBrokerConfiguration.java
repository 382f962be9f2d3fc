package io.channelhub.app.broker;

import io.channelhub.routes.port.QueueLayout;
import io.channelhub.routes.port.RetryPolicy;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker beyond Spring Boot's defaults: a TCP listener so the core platform can connect,
 * a journal that flushes often enough for one-at-a-time senders, a large persistent duplicate-id cache
 * (provider retries of a webhook are absorbed at intake), and redelivery with exponential backoff into
 * the hub's dead-letter address.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedBrokerConfiguration {

    private final BrokerProperties broker;
    private final QueueLayout queues;
    private final RetryPolicy.Redelivery redelivery;

    EmbeddedBrokerConfiguration(BrokerProperties broker, QueueLayout queues, RetryPolicy retry) {
        this.broker = broker;
        this.queues = queues;
        this.redelivery = retry.redelivery();
    }

    /** Redelivery with exponential backoff into the hub's dead-letter address: the backstop of the retry policy. */
    private AddressSettings internal() {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(queues.deadLetterAddress()))
                .setMaxDeliveryAttempts(redelivery.attempts())
                .setRedeliveryDelay(redelivery.delay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(redelivery.maxDelay().toMillis())
                .setAutoCreateDeadLetterResources(false);
    }

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer() {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("hub-tcp", broker.acceptor());
            } catch (Exception e) {
                throw new IllegalStateException("invalid hub.broker.acceptor " + broker.acceptor(), e);
            }
            int bufferTimeoutNanos = (int) broker.journalBufferTimeout().toNanos();
            configuration.setJournalBufferTimeout_NIO(bufferTimeoutNanos);
            configuration.setJournalBufferTimeout_AIO(bufferTimeoutNanos);
            configuration.setIDCacheSize(broker.duplicateIdCacheSize());
            configuration.setPersistIDCache(true);

            configuration.addAddressSetting("hub.#", internal());
            // The dead-letter queues themselves never dead-letter: what fails there is retried until fixed.
            AddressSettings terminal = new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(redelivery.delay().toMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(redelivery.maxDelay().toMillis());
            // The entry queues refuse new messages when full: intake answers 503 and the caller retries.
            // Internal queues page to disk instead, so a consumer's own sends never fail.
            for (String entry : queues.entries()) {
                configuration.addAddressSetting(entry, internal().setMaxSizeBytes(broker.intakeMaxSize().toBytes())
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
            }
            // Their consumers wait on a provider for every message: with the client's 1 MiB prefetch the first
            // consumer took thousands of dispatch items (and their conversation groups) while the others idled.
            for (String slow : queues.providerBound()) {
                configuration.addAddressSetting(slow, internal().setDefaultConsumerWindowSize(0));
            }
            for (String dead : queues.terminal()) {
                configuration.addAddressSetting(dead, terminal);
            }
        };
    }
}
