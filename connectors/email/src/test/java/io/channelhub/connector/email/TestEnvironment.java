package io.channelhub.connector.email;

import io.channelhub.core.spi.ConnectorEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Hub configuration for tests: short timeouts, a fixed clock, the test hub domain. */
final class TestEnvironment implements ConnectorEnvironment {
    static final String HUB_DOMAIN = "hub.test";
    static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");

    private final Map<String, String> properties = new HashMap<>(Map.of("timeout", "2s", "hub-domain", HUB_DOMAIN));

    TestEnvironment with(String name, String value) {
        properties.put(name, value);
        return this;
    }

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static EmailConnector connector() {
        return (EmailConnector) new EmailConnectorFactory().create(new TestEnvironment());
    }

    static EmailHubConfig hubConfig() {
        return EmailHubConfig.from(new TestEnvironment());
    }
}
