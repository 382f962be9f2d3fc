package io.channelhub.core.spi;

/**
 * Found with {@link java.util.ServiceLoader}: each connector module lists its factory in
 * {@code META-INF/services/io.channelhub.core.spi.ConnectorFactory}. The hub creates one connector
 * per channel at start-up and shares it across tenants.
 */
public interface ConnectorFactory {

    /**
     * The channel id the factory's connector serves, which names its configuration section. By
     * convention the last segment of the factory's package ({@code io.channelhub.connector.sms} → sms).
     */
    default String channel() {
        String pkg = getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    ChannelConnector create(ConnectorEnvironment environment);
}
