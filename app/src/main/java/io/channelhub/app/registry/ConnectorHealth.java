package io.channelhub.app.registry;

import io.channelhub.app.flow.Messages;
import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.core.model.ConnectorHealthEvent;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.Publisher;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one place a tenant connector's health changes: stored, the cached connector dropped, and the change
 * announced on {@code hub.events} as a {@code connector_health} event (CONTRACT §7), so the platform can
 * tell the dealer that a token expired or mails were set aside. Queue steps publish the event with what
 * they publish anyway, so it shares their transaction; callers outside a step have it published at once.
 * Also keeps the connector's last error, the other half of what ops see of its state.
 */
@Component
public class ConnectorHealth {
    /** What the platform must hear of; "unreachable" (the provider could not be asked) is no news yet. */
    private static final Set<String> PROBLEMS = Set.of("unhealthy", "degraded");
    private final ConnectorRepository repository;
    private final TenantConnectors connectors;
    private final Publisher publisher;
    private final Clock clock;

    public ConnectorHealth(ConnectorRepository repository, TenantConnectors connectors, Publisher publisher,
                           Clock clock) {
        this.repository = repository;
        this.connectors = connectors;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** {@link #set} for a caller outside a queue step: the event is published at once. */
    public void setAndPublish(String tenantId, String channel, String health, String detail) {
        set(tenantId, channel, health, detail).ifPresent(e -> publisher.publish(List.of(e)));
    }

    public void recordError(String tenantId, String channel, String error) {
        repository.recordError(tenantId, channel, error, clock.instant());
    }

    /**
     * Sets the health; the event to publish when it changed into a problem or out of one, else nothing. A
     * check that passes after ops saved a connector is no news to anyone: saving resets the health first.
     */
    public Optional<Outgoing> set(String tenantId, String channel, String health, String detail) {
        String before = repository.find(tenantId, channel).map(ConnectorRecord::health).orElse(null);
        boolean changed = repository.setHealth(tenantId, channel, health, detail);
        connectors.invalidate(tenantId, channel);
        boolean news = changed && (PROBLEMS.contains(health) || before != null && PROBLEMS.contains(before));
        return news ? Optional.of(event(tenantId, channel, health, detail)) : Optional.empty();
    }

    /** Working, but with something for ops to look at; a connector already unhealthy stays so. */
    public Optional<Outgoing> degrade(String tenantId, String channel, String detail) {
        boolean changed = repository.markDegraded(tenantId, channel, detail);
        connectors.invalidate(tenantId, channel);
        return changed ? Optional.of(event(tenantId, channel, "degraded", detail)) : Optional.empty();
    }

    private Outgoing event(String tenantId, String channel, String health, String detail) {
        ConnectorHealthEvent event = new ConnectorHealthEvent(UUID.randomUUID().toString(), tenantId, channel, health,
                detail, clock.instant());
        Map<String, Object> properties = Messages.routing(tenantId, channel, null);
        properties.put("type", ConnectorHealthEvent.TYPE);
        properties.put("health", health);
        return new Outgoing.Event(Messages.json(event), properties);
    }
}
