package io.channelhub.connector.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;
import java.net.http.HttpClient;

/**
 * Creates the RBM connector from hub configuration {@code hub.channels.google.*}: {@code base-url}
 * (default {@value GoogleApiConfig#DEFAULT_BASE_URL}), {@code regional-base-url} (default
 * {@value GoogleApiConfig#DEFAULT_REGIONAL_BASE_URL}), {@code timeout} (default 10s) and
 * {@code check-phone-number}, the number the credential check asks the capabilities of (default
 * {@value GoogleCredentialCheck#DEFAULT_PROBE_NUMBER}). Found by {@link java.util.ServiceLoader}.
 */
public final class GoogleConnectorFactory implements ConnectorFactory {

    @Override
    public ChannelConnector create(ConnectorEnvironment environment) {
        GoogleApiConfig config = GoogleApiConfig.from(environment);
        // One client and one token transport for all tenants: connections are shared, credentials never are.
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        NetHttpTransport tokenTransport = new NetHttpTransport();
        return new GoogleConnector(new GoogleApiClient(http, config), new GoogleAccessTokens(() -> tokenTransport),
                environment.property("check-phone-number", GoogleCredentialCheck.DEFAULT_PROBE_NUMBER).trim());
    }
}
