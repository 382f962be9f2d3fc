package io.channelhub.app.registry;

import io.channelhub.app.HubProperties;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The channels this hub can serve: every connector module on the class path, found by ServiceLoader and
 * created once with its section of {@code hub.channels.<channel>.*}.
 */
@Component
public class ConnectorCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorCatalog.class);
    private final Map<String, ChannelConnector> byChannel = new TreeMap<>();

    public ConnectorCatalog(HubProperties hub, Clock clock) {
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class)) {
            Map<String, String> section = hub.channels().getOrDefault(factory.channel(), Map.of());
            ChannelConnector connector = factory.create(new ConnectorEnvironment() {
                @Override
                public Optional<String> property(String name) {
                    return Optional.ofNullable(section.get(name)).filter(v -> !v.isBlank());
                }

                @Override
                public Clock clock() {
                    return clock;
                }
            });
            String id = connector.descriptor().id();
            if (byChannel.putIfAbsent(id, connector) != null) {
                throw new IllegalStateException("two connectors for channel " + id);
            }
        }
        LOG.info("Channels available: {}", byChannel.keySet());
    }

    public Optional<ChannelConnector> find(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    public Collection<ChannelConnector> all() {
        return byChannel.values();
    }
}
