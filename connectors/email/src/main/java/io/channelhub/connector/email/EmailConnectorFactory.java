package io.channelhub.connector.email;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;

/**
 * Creates the email connector from {@code hub.channels.email.*}: {@code timeout} (default 10s),
 * {@code hub-domain} for the hub's Message-IDs (default {@code channel-hub.local}), {@code trust-all-tls}
 * (default false; local test servers only), {@code max-attachment-bytes} (default 25 MiB) and
 * {@code max-messages-per-poll} (default 200).
 */
public final class EmailConnectorFactory implements ConnectorFactory {

    @Override
    public ChannelConnector create(ConnectorEnvironment environment) {
        return new EmailConnector(EmailHubConfig.from(environment));
    }
}
