package io.channelhub.connector.instagram;

import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.GraphHttpClient;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;
import java.net.URI;

/**
 * Creates the Instagram connector from hub configuration {@code hub.channels.instagram.*}: {@code base-url}
 * (graph.facebook.com, for the {@code facebookPage} setup), {@code instagram-base-url} (default
 * {@value #DEFAULT_INSTAGRAM_BASE_URL}, for {@code instagramLogin}), {@code api-version} (a tenant's
 * {@code apiVersion} setting overrides it) and {@code timeout}. Found by {@link java.util.ServiceLoader}.
 */
public final class InstagramConnectorFactory implements ConnectorFactory {

    static final String DEFAULT_INSTAGRAM_BASE_URL = "https://graph.instagram.com";

    @Override
    public ChannelConnector create(ConnectorEnvironment environment) {
        GraphApiConfig facebookApi = GraphApiConfig.from(InstagramConnector.DESCRIPTOR.id(), environment);
        GraphApiConfig instagramApi = new GraphApiConfig(facebookApi.channel(),
                URI.create(environment.property("instagram-base-url", DEFAULT_INSTAGRAM_BASE_URL).trim()),
                facebookApi.apiVersion(), facebookApi.timeout());
        return new InstagramConnector(new InstagramApiClient(GraphHttpClient.sharedHttpClient(facebookApi),
                facebookApi, instagramApi, environment.clock()));
    }
}
