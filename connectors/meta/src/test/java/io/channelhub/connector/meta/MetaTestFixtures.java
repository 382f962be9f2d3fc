package io.channelhub.connector.meta;

import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What the Meta channels' test fixtures share: fixture files, configured tenants, a hub environment. */
public final class MetaTestFixtures {

    private MetaTestFixtures() {
    }

    /** The bytes of {@code /fixtures/<channel>/<path>} on the test class path. */
    public static byte[] bytes(String channel, String path) {
        String resource = "/fixtures/" + channel + "/" + path;
        try (InputStream in = MetaTestFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A tenant's connector with the channel's full configuration, overridden key by key (a null value removes
     * the key).
     */
    public static TenantConnector tenant(String tenantId, String channel, Map<String, String> settings,
                                         Map<String, String> secrets, Map<String, String> settingOverrides,
                                         Map<String, String> secretOverrides) {
        return new TenantConnector(tenantId, channel, overridden(settings, settingOverrides),
                Secrets.of(overridden(secrets, secretOverrides)));
    }

    private static Map<String, String> overridden(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> result = new HashMap<>(base);
        overrides.forEach((k, v) -> {
            if (v == null) {
                result.remove(k);
            } else {
                result.put(k, v);
            }
        });
        return result;
    }

    /** A hub configuration with the given {@code hub.channels.<channel>.*} properties and a clock fixed at {@code now}. */
    public static ConnectorEnvironment environment(Map<String, String> properties, Instant now) {
        return new ConnectorEnvironment() {
            @Override
            public Optional<String> property(String name) {
                return Optional.ofNullable(properties.get(name));
            }

            @Override
            public Clock clock() {
                return Clock.fixed(now, ZoneOffset.UTC);
            }
        };
    }
}
