package io.channelhub.core.spi;

/**
 * Found with {@link java.util.ServiceLoader}: each connector module lists its factory in
 * {@code META-INF/services/io.channelhub.core.spi.ConnectorFactory}. The hub creates one connector
 * per channel at start-up and shares it across tenants.
 */
public interface ConnectorFactory {
    ChannelConnector create(ConnectorEnvironment environment);
}
