package io.channelhub.app.usage;

import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.Publisher;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts usage in memory and adds it to the usage counters once a second. Every message of a tenant
 * counts against the same counter row; updating it per message made that row the hottest lock of the
 * hub under load. The cost: a crash loses at most the last second's counts, never a message. After each write
 * of outbound counts it publishes the usage notices of the connector's monthly quota ({@link Quotas}).
 */
@Component
public class UsageMeter {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    private final UsageRepository repository;
    private final Quotas quotas;
    private final TenantConnectors connectors;
    private final Publisher publisher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<Key, Tally> pending = new ConcurrentHashMap<>();

    public UsageMeter(UsageRepository repository, Quotas quotas, TenantConnectors connectors, Publisher publisher,
                      TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.quotas = quotas;
        this.connectors = connectors;
        this.publisher = publisher;
        this.transaction = transaction;
        this.clock = clock;
    }

    private record Key(String tenantId, String channel, String direction) {
    }

    private static final class Tally {
        final LongAdder messages = new LongAdder();
        final LongAdder units = new LongAdder();
    }

    private static final String OUTBOUND = "outbound";

    public void count(String tenantId, String channel, String direction, int units) {
        Tally tally = pending.computeIfAbsent(new Key(tenantId, channel, direction), k -> new Tally());
        tally.messages.increment();
        tally.units.add(units);
    }

    /** Why an outbound message may not go because its connector's monthly quota is used up, or empty. */
    public Optional<String> quotaRefusal(String tenantId, String channel, Map<String, String> settings,
                                         boolean marketing) {
        Tally here = pending.get(new Key(tenantId, channel, OUTBOUND));
        return quotas.refusal(tenantId, channel, settings, marketing, here == null ? 0 : here.messages.sum());
    }

    @Scheduled(fixedDelayString = "${hub.usage.flush-interval:1000}")
    @PreDestroy
    public void flush() {
        Instant now = clock.instant();
        for (Map.Entry<Key, Tally> entry : pending.entrySet()) {
            long messages = entry.getValue().messages.sumThenReset();
            long units = entry.getValue().units.sumThenReset();
            if (messages == 0) {
                continue;
            }
            Key k = entry.getKey();
            try {
                repository.add(k.tenantId(), k.channel(), k.direction(), messages, units, now);
            } catch (RuntimeException e) {
                entry.getValue().messages.add(messages);
                entry.getValue().units.add(units);
                LOG.warn("Usage counters not written, will retry: {}", e.toString());
                continue;
            }
            if (OUTBOUND.equals(k.direction())) {
                announceQuotaCrossings(k.tenantId(), k.channel(), now);
            }
        }
    }

    /**
     * The usage notices the month's count now calls for, each claimed and published in one transaction: a
     * publish that fails gives the claim back, for the next flush of this connector's counts.
     */
    private void announceQuotaCrossings(String tenantId, String channel, Instant now) {
        try {
            connectors.resolve(tenantId, channel).ifPresent(c -> transaction.executeWithoutResult(status -> {
                List<Outgoing> notices = quotas.noticesAt(tenantId, channel, c.config().settings(),
                        repository.outbound(tenantId, channel, now));
                if (!notices.isEmpty()) {
                    publisher.publish(notices);
                }
            }));
        } catch (RuntimeException e) {
            LOG.warn("Usage notices of tenant {} channel {} not sent, will try at its next count: {}", tenantId, channel,
                    e.toString());
        }
    }
}
