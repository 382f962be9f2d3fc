package io.channelhub.app.outbound;

import io.channelhub.app.persistence.MessageRepository;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks API submissions as queued for dispatch, many per statement. The mark tells the conversation's
 * order gate and an idempotent repeat that the dispatch item exists; a commit of its own per submission
 * was a third of the submission path's database writes (BENCHMARKS.md).
 *
 * <p>The cost: a crash loses the marks of the last interval. Those messages are still queued and sent;
 * they only stop holding back later messages of their conversation one minute after acceptance (as
 * submissions that were never queued do), and a repeat of their Idempotency-Key queues a second dispatch
 * item, which the dispatch step skips once the message is sent.
 */
@Component
class EnqueuedMarks {
    private static final Logger LOG = LoggerFactory.getLogger(EnqueuedMarks.class);
    private static final int MAX_PER_STATEMENT = 500;
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final MessageRepository messages;
    private final Clock clock;

    EnqueuedMarks(MessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    void add(String messageId) {
        pending.add(messageId);
    }

    @Scheduled(fixedDelayString = "${hub.outbound.enqueued-mark-interval:50}")
    @PreDestroy
    void flush() {
        List<String> ids = new ArrayList<>(MAX_PER_STATEMENT);
        do {
            ids.clear();
            String id;
            while (ids.size() < MAX_PER_STATEMENT && (id = pending.poll()) != null) {
                ids.add(id);
            }
        } while (!ids.isEmpty() && written(ids));
    }

    private boolean written(List<String> ids) {
        try {
            messages.markEnqueued(ids, clock.instant());
            return true;
        } catch (RuntimeException e) {
            pending.addAll(ids);
            LOG.warn("Queued marks of {} submissions not written, will retry: {}", ids.size(), e.toString());
            return false;
        }
    }
}
