package io.channelhub.app.inbound;

import io.channelhub.app.cluster.ClusterLocks;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.ConnectorHealth;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.InboundPoller;
import io.channelhub.routes.port.InboundPolling;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.Publisher;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Polls every enabled connector that has a poller (email) at its own interval, one poll at a time per
 * tenant connector. Enabling or disabling a connector starts or stops its polling at the next tick.
 * Each polled item is queued durably on the intake queue before the poller may mark it processed at the
 * provider; the broker's duplicate detection absorbs an item offered twice after a crash mid-poll. Several hub
 * instances poll a mailbox one at a time ({@link ClusterLocks}). An
 * item the provider will not give is handled by {@link UnreadableItems}; the rest of the poll goes on.
 */
@Component
class MailboxPolling implements InboundPolling {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxPolling.class);
    private final ConnectorCatalog catalog;
    private final TenantConnectors connectors;
    private final ConnectorHealth health;
    private final Publisher publisher;
    private final UnreadableItems unreadable;
    private final ClusterLocks locks;
    private final Clock clock;
    private final Map<String, Instant> nextPoll = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    /** Polls block on IMAP for seconds: four at a time, on threads of their own, never holding up anything else. */
    private final ThreadPoolTaskExecutor pollers;

    MailboxPolling(ConnectorCatalog catalog, TenantConnectors connectors, ConnectorHealth health,
                   Publisher publisher, UnreadableItems unreadable, ThreadPoolTaskExecutorBuilder executors,
                   ClusterLocks locks, Clock clock) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.health = health;
        this.publisher = publisher;
        this.unreadable = unreadable;
        this.locks = locks;
        this.clock = clock;
        this.pollers = executors.corePoolSize(4).maxPoolSize(4).threadNamePrefix("mailbox-poll-")
                .awaitTermination(false).build();
        this.pollers.initialize();
    }

    @Override
    public void tick() {
        Instant now = clock.instant();
        for (ChannelConnector channel : catalog.all()) {
            if (channel.poller().isEmpty()) {
                continue;
            }
            for (ResolvedConnector c : connectors.enabledOf(channel.descriptor().id())) {
                String key = c.config().tenantId() + '/' + c.config().channel();
                if (now.isBefore(nextPoll.getOrDefault(key, Instant.MIN)) || running.putIfAbsent(key, true) != null) {
                    continue;
                }
                InboundPoller poller = channel.poller().get();
                nextPoll.put(key, now.plus(poller.interval(c.config())));
                pollers.execute(() -> poll(key, poller, c));
            }
        }
    }

    private void poll(String key, InboundPoller poller, ResolvedConnector c) {
        try {
            // One instance at a time polls a mailbox; the others skip it until it is free.
            locks.runAlone("mailbox:" + key, () -> pollHere(poller, c));
        } finally {
            running.remove(key);
        }
    }

    private void pollHere(InboundPoller poller, ResolvedConnector c) {
        String tenantId = c.config().tenantId();
        String channel = c.config().channel();
        try {
            poller.poll(c.config(), new InboundPoller.Sink() {
                @Override
                public void accept(InboundPayload payload) {
                    enqueue(tenantId, channel, payload);
                }

                @Override
                public boolean unreadable(InboundPoller.UnreadableItem item) {
                    List<Outgoing> deadLetter = unreadable.failed(c.config(), item);
                    if (deadLetter.isEmpty()) {
                        return false;
                    }
                    publisher.publish(deadLetter);
                    return true;
                }
            });
        } catch (PermanentChannelException e) {
            String detail = c.config().secrets().redact(e.getMessage());
            if (e.credentialsRejected()) {
                health.setAndPublish(tenantId, channel, "unhealthy", detail);
            }
            health.recordError(tenantId, channel, detail);
            LOG.warn("Polling {} of tenant {} failed: {}", channel, tenantId, detail);
        } catch (ChannelException e) {
            String detail = c.config().secrets().redact(e.getMessage());
            health.recordError(tenantId, channel, detail);
            LOG.info("Polling {} of tenant {} failed for now: {}", channel, tenantId, detail);
        } catch (RuntimeException e) {
            // by class and redacted message only: a library's exception text may quote a credential
            LOG.error("Polling {} of tenant {} failed unexpectedly: {}: {}", channel, tenantId,
                    e.getClass().getName(), c.config().secrets().redact(e.getMessage()));
        }
    }

    /** Returns only once the item is on the durable intake queue. */
    private void enqueue(String tenantId, String channel, InboundPayload payload) {
        Map<String, Object> properties = Messages.routing(tenantId, channel, null);
        properties.put(IntakeProperties.HEADERS, Messages.json(payload.headers()));
        properties.put(IntakeProperties.RECEIVED_AT, clock.instant().toString());
        publisher.publish(List.of(new Outgoing.Normalize(payload.body(), properties,
                WebhookIntakeService.sha256(tenantId, channel, payload.body()))));
    }

    @PreDestroy
    void stop() {
        pollers.shutdown();
    }
}
