package io.channelhub.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.support.ExternalBroker;
import io.channelhub.routes.HubQueues;
import io.channelhub.routes.Topology;
import io.channelhub.routes.port.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.HierarchicalObjectRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The external broker's configuration ({@code config/artemis/broker.xml}, what docker-compose runs) gives
 * every hub queue the settings the embedded broker gets: the same dead-lettering, backoff, refusal when
 * full, prefetch and duplicate detection. The two are written separately, so this keeps them in step.
 */
class ExternalBrokerConfigurationTest {

    static List<String> hubQueues() {
        return List.of(HubQueues.ALL);
    }

    private static Configuration embedded() {
        BrokerProperties defaults = Binder.get(new StandardEnvironment()).bindOrCreate("hub.broker",
                BrokerProperties.class);
        Configuration configuration = new ConfigurationImpl();
        new EmbeddedBrokerConfiguration(defaults, new Topology(),
                Binder.get(new StandardEnvironment()).bindOrCreate("hub.retry", RetryPolicy.class)).hubBrokerCustomizer().customize(configuration);
        return configuration;
    }

    /** The settings an address gets, merged from every match as the broker merges them. */
    private static AddressSettings settingsOf(Configuration configuration, String address) {
        HierarchicalObjectRepository<AddressSettings> repository =
                new HierarchicalObjectRepository<>(configuration.getWildcardConfiguration());
        configuration.getAddressSettings().forEach(repository::addMatch);
        repository.setDefault(new AddressSettings());
        return repository.getMatch(address);
    }

    /** What the hub relies on per queue. */
    private static Map<String, Object> relied(AddressSettings settings) {
        return Map.of(
                "deadLetterAddress", String.valueOf(settings.getDeadLetterAddress()),
                "maxDeliveryAttempts", settings.getMaxDeliveryAttempts(),
                "redeliveryDelay", settings.getRedeliveryDelay(),
                "redeliveryMultiplier", settings.getRedeliveryMultiplier(),
                "maxRedeliveryDelay", settings.getMaxRedeliveryDelay(),
                "maxSizeBytes", settings.getMaxSizeBytes(),
                "addressFullMessagePolicy", settings.getAddressFullMessagePolicy(),
                "defaultConsumerWindowSize", settings.getDefaultConsumerWindowSize());
    }

    @ParameterizedTest
    @MethodSource("hubQueues")
    void everyHubQueueGetsTheEmbeddedBrokersSettings(String queue) throws Exception {
        assertThat(relied(settingsOf(ExternalBroker.productionConfiguration(), queue))).as(queue)
                .isEqualTo(relied(settingsOf(embedded(), queue)));
    }

    @Test
    void theExternalBrokerDeclaresEveryHubQueueAndKeepsDuplicateIdsAsTheEmbeddedOneDoes() throws Exception {
        Configuration embedded = embedded();
        Configuration external = ExternalBroker.productionConfiguration();
        assertThat(external.getAddressConfigurations()).map(CoreAddressConfiguration::getName)
                .containsAll(hubQueues());
        assertThat(external.getIDCacheSize()).isEqualTo(embedded.getIDCacheSize());
        assertThat(external.isPersistIDCache()).isTrue();
        assertThat(external.getJournalBufferTimeout_AIO()).isEqualTo(embedded.getJournalBufferTimeout_AIO());
        assertThat(external.getJournalBufferTimeout_NIO()).isEqualTo(embedded.getJournalBufferTimeout_NIO());
    }
}
