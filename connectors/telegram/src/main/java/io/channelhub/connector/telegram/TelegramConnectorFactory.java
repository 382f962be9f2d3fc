package io.channelhub.connector.telegram;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;
import java.net.URI;
import java.time.Duration;

/**
 * Creates the Telegram connector from hub configuration under {@code hub.channels.telegram.}:
 * {@code base-url} (default {@code https://api.telegram.org}; a WireMock URL in tests) and {@code timeout}
 * (default {@code 10s}, for connecting and for each answer).
 */
public final class TelegramConnectorFactory implements ConnectorFactory {
    static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public ChannelConnector create(ConnectorEnvironment environment) {
        String base = environment.property("base-url", DEFAULT_BASE_URL).strip();
        if (base.isEmpty()) {
            base = DEFAULT_BASE_URL;
        }
        URI baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("hub.channels.telegram.base-url must be an absolute URL: " + base);
        }
        Duration timeout = environment.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("hub.channels.telegram.timeout must be positive: " + timeout);
        }
        return new TelegramConnector(new TelegramApiClient(baseUrl, timeout));
    }
}
