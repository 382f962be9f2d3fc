package io.channelhub.app.console;

import io.channelhub.app.outbound.TenantCircuitBreakers;
import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.spi.ChannelConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The enabled connectors ops should look at: unhealthy or degraded ones (stored health) and those whose circuit
 * breaker is open (in memory), one query per channel the hub knows.
 */
@Component
class ConnectorAttention {
    static final Set<String> BAD_HEALTH = Set.of("unhealthy", "degraded");
    private final ConnectorCatalog catalog;
    private final ConnectorRepository connectors;
    private final TenantCircuitBreakers breakers;

    ConnectorAttention(ConnectorCatalog catalog, ConnectorRepository connectors, TenantCircuitBreakers breakers) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.breakers = breakers;
    }

    /** One connector that needs attention, and why ({@code unhealthy}, {@code degraded}, {@code circuit open}). */
    record Flag(String tenantId, String channel, List<String> reasons, String detail) {
        public String label() {
            return channel + ": " + String.join(", ", reasons);
        }
    }

    /** Per tenant id, its connectors needing attention. */
    Map<String, List<Flag>> byTenant() {
        Map<String, List<Flag>> flags = new TreeMap<>();
        for (ChannelConnector connector : catalog.all()) {
            for (ConnectorRecord r : connectors.enabledOfChannel(connector.descriptor().id())) {
                List<String> reasons = reasons(r);
                if (!reasons.isEmpty()) {
                    flags.computeIfAbsent(r.tenantId(), t -> new ArrayList<>())
                            .add(new Flag(r.tenantId(), r.channel(), reasons, r.healthDetail()));
                }
            }
        }
        return flags;
    }

    List<Flag> all() {
        return byTenant().values().stream().flatMap(List::stream).toList();
    }

    List<String> reasons(ConnectorRecord r) {
        List<String> reasons = new ArrayList<>();
        if (!r.enabled()) {
            return reasons;
        }
        if (BAD_HEALTH.contains(r.health())) {
            reasons.add(r.health());
        }
        if ("OPEN".equals(breakers.state(r.tenantId(), r.channel()))) {
            reasons.add("circuit open");
        }
        return reasons;
    }
}
