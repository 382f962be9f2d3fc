package io.channelhub.app.usage;

import io.channelhub.app.persistence.UsageRepository;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts usage in memory and adds it to the usage counters once a second. Every message of a tenant
 * counts against the same counter row; updating it per message made that row the hottest lock of the
 * hub under load. The cost: a crash loses at most the last second's counts, never a message.
 */
@Component
public class UsageMeter {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    private final UsageRepository repository;
    private final Clock clock;
    private final Map<Key, Tally> pending = new ConcurrentHashMap<>();

    public UsageMeter(UsageRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    private record Key(String tenantId, String channel, String direction) {
    }

    private static final class Tally {
        final LongAdder messages = new LongAdder();
        final LongAdder units = new LongAdder();
    }

    public void count(String tenantId, String channel, String direction, int units) {
        Tally tally = pending.computeIfAbsent(new Key(tenantId, channel, direction), k -> new Tally());
        tally.messages.increment();
        tally.units.add(units);
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
            }
        }
    }
}
