package io.channelhub.app.broker;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded broker ({@code hub.broker.*}); ignored when an external broker is used
 * ({@code spring.artemis.mode=native}), whose broker.xml carries the same address settings
 * ({@code config/artemis/broker.xml}; ExternalBrokerConfigurationTest keeps the two in step).
 *
 * @param intakeMaxSize how much the entry queues (hub.intake, hub.outbound) may hold before new sends
 *                      are refused, which the hub answers with 503: back-pressure instead of a 2xx and
 *                      a later drop
 */
@Validated
@ConfigurationProperties("hub.broker")
public record BrokerProperties(
        @DefaultValue("tcp://127.0.0.1:61616?protocols=CORE,AMQP") String acceptor,
        @DefaultValue("500us") Duration journalBufferTimeout,
        @Min(1) @DefaultValue("200000") int duplicateIdCacheSize,
        @DefaultValue("512MB") org.springframework.util.unit.DataSize intakeMaxSize) {
}
