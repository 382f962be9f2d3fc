package io.channelhub.connector.messenger;

import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.GraphHttpClient;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;

/**
 * Creates the Messenger connector from hub configuration {@code hub.channels.messenger.*}: {@code base-url}
 * (default {@value GraphApiConfig#DEFAULT_BASE_URL}), {@code api-version} (default
 * {@value GraphApiConfig#DEFAULT_API_VERSION}; a tenant's {@code apiVersion} setting overrides it) and
 * {@code timeout} (default 10s). Found by {@link java.util.ServiceLoader}.
 */
public final class MessengerConnectorFactory implements ConnectorFactory {

    @Override
    public ChannelConnector create(ConnectorEnvironment environment) {
        GraphApiConfig config = GraphApiConfig.from(MessengerConnector.DESCRIPTOR.id(), environment);
        return new MessengerConnector(new MessengerApiClient(GraphHttpClient.sharedHttpClient(config), config,
                environment.clock()));
    }
}
