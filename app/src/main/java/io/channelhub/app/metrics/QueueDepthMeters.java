package io.channelhub.app.metrics;

import io.channelhub.app.broker.QueueDepths;
import io.channelhub.routes.port.QueueLayout;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code hub.queue.depth{queue}}: how many messages wait in each of the hub's queues ({@link QueueLayout}), read from the broker
 * when scraped. A depth the broker does not give (an external broker that is down or refuses management) is NaN,
 * which Prometheus keeps as "no value" rather than a misleading 0.
 *
 * <p>One scrape reads every gauge in turn; against an external broker each read is a management round trip per
 * queue, so the depths are read together once and kept for {@link #FRESH} — every gauge of one scrape shares
 * that reading, and two instances' scrapes a second apart still each see the broker's own figure.
 */
@Component
public class QueueDepthMeters {
    public static final String QUEUE_DEPTH = "hub.queue.depth";
    static final Duration FRESH = Duration.ofSeconds(1);
    private final QueueDepths depths;
    private Map<String, Long> last = Map.of();
    private long readAt;
    private boolean read;

    public QueueDepthMeters(MeterRegistry meters, QueueDepths depths, QueueLayout queues) {
        this.depths = depths;
        for (String queue : queues.all()) {
            Gauge.builder(QUEUE_DEPTH, this, m -> m.depth(queue))
                    .description("Messages waiting in the queue (scheduled and in delivery included); NaN when unknown")
                    .tag("queue", queue)
                    .strongReference(true)
                    .register(meters);
        }
    }

    double depth(String queue) {
        Long messages = snapshot().get(queue);
        return messages == null ? Double.NaN : messages;
    }

    private synchronized Map<String, Long> snapshot() {
        long now = System.nanoTime(); // a cache's age, not business time: no Clock
        if (!read || now - readAt >= FRESH.toNanos()) {
            Map<String, Long> fresh = new HashMap<>();
            for (QueueDepths.Depth d : depths.all()) {
                fresh.put(d.queue(), d.messages());
            }
            last = fresh;
            readAt = now;
            read = true;
        }
        return last;
    }
}
