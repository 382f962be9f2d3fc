package io.channelhub.app.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.HubProperties;
import io.channelhub.app.flow.DeadLetters;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.registry.ConnectorHealth;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.InboundPoller.UnreadableItem;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.routes.port.Flow;
import io.channelhub.routes.port.Flows;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's policy for polled items a provider will not give (a damaged mail): an item is tried at
 * {@code hub.polling.item-attempts} polls, then given up on — dead-lettered with whatever raw bytes could
 * be read, the connector marked {@code degraded} with a pointer to the dead letter, and the poller told
 * to set it aside. The dead letter names the intake queue, so a replay after a fix normalizes it.
 */
@Component
class UnreadableItems {
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableItems.class);
    private final DeadLetters deadLetters;
    private final ConnectorHealth health;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int attempts;
    /** Where an item set aside would have gone: it is kept as a dead letter of that flow, replayable into it. */
    private final QueuedMessage.Origin intake;
    /** Failures per item across polls; bounded in time, since an item may also vanish from the mailbox. */
    private final Cache<String, Integer> failures;

    UnreadableItems(DeadLetters deadLetters, ConnectorHealth health, MeterRegistry meters, HubProperties hub,
                    Flows flows, Clock clock) {
        this.deadLetters = deadLetters;
        this.health = health;
        this.meters = meters;
        this.clock = clock;
        this.intake = new QueuedMessage.Origin(Flow.NORMALIZE, flows.queueOf(Flow.NORMALIZE));
        this.attempts = Math.max(1, hub.polling().itemAttempts());
        this.failures = Caffeine.newBuilder().expireAfterWrite(hub.polling().failureMemory()).build();
    }

    /**
     * One failed read of an item. Returns the dead letter to publish once the hub gives up on it (the
     * poller may set the item aside only after it is published), or nothing while it is tried again.
     */
    List<Outgoing> failed(TenantConnector connector, UnreadableItem item) {
        String key = connector.tenantId() + '/' + connector.channel() + '/' + item.itemId();
        String reason = connector.secrets().redact(item.reason());
        int failed = failures.asMap().merge(key, 1, Integer::sum);
        if (failed < attempts) {
            LOG.info("Polling {} of tenant {}: item {} could not be read ({} of {} tries): {}", connector.channel(),
                    connector.tenantId(), item.itemId(), failed, attempts, reason);
            return List.of();
        }
        failures.invalidate(key);
        Map<String, Object> properties = Messages.routing(connector.tenantId(), connector.channel(), null);
        properties.put(IntakeProperties.HEADERS, Messages.json(Map.of("Content-Type", "message/rfc822")));
        properties.put(IntakeProperties.RECEIVED_AT, clock.instant().toString());
        properties.put("polledItem", item.itemId());
        QueuedMessage polled = new QueuedMessage(item.raw(), properties, "polled:" + key, failed, intake);
        Outgoing letter = deadLetters.bury(polled, ReasonCodes.UNREADABLE_INBOUND, reason, failed, null);
        List<Outgoing> out = new ArrayList<>();
        out.add(letter);
        health.degrade(connector.tenantId(), connector.channel(), "an item was set aside at the provider at "
                + clock.instant() + " after " + failed + " tries and is in the dead letters (" + reason + ")")
                .ifPresent(out::add);
        meters.counter(HubMeters.POLLING_SET_ASIDE, "channel", connector.channel()).increment();
        return out;
    }
}
