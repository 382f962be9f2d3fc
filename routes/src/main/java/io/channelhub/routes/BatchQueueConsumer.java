package io.channelhub.routes;

import io.channelhub.routes.port.BatchStep;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A transacted consumer that takes what is waiting on its queue in batches: up to {@code batchSize}
 * messages, one {@link BatchStep} call, what the step returns published on the same session, one commit.
 * A crash or an exception rolls back the whole batch and the broker redelivers it, with backoff, and past
 * the attempts into {@link HubQueues#DEAD}, as for the one-message consumers of {@link FlowRoutes}.
 *
 * <p>Why not a Camel route: camel-jms (Spring's listener container) hands over one message per
 * transaction, and a per-message database commit and JMS commit were most of the cost of normalization.
 *
 * <p>After a batch fails, the consumer takes one message per transaction for a while ({@code isolation}),
 * so a message that keeps failing is retried and dead-lettered on its own rather than holding back the
 * messages it was batched with: they come back after the broker's first redelivery delay and are then
 * committed one by one.
 */
public class BatchQueueConsumer implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(BatchQueueConsumer.class);
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private final String name;
    private final String queue;
    private final BatchStep step;
    private final ConnectionFactory connectionFactory;
    private final JmsPublisher publisher;
    private final int consumers;
    private final int batchSize;
    private final long lingerNanos;
    private final Duration isolation;
    private volatile ScheduledExecutorService threads;
    private volatile boolean running;

    public BatchQueueConsumer(String name, String queue, BatchStep step, ConnectionFactory connectionFactory,
                              JmsPublisher publisher, int consumers, int batchSize, Duration linger,
                              Duration isolation) {
        this.name = name;
        this.queue = queue;
        this.step = step;
        this.connectionFactory = connectionFactory;
        this.publisher = publisher;
        this.consumers = consumers;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.isolation = isolation;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newScheduledThreadPool(consumers,
                task -> new Thread(task, "batch-" + name + "-" + number.incrementAndGet()));
        for (int i = 0; i < consumers; i++) {
            threads.execute(this::consumeUntilStopped);
        }
    }

    /** Lets each consumer finish the batch in hand (commit or roll back), then returns. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One consumer's session until stopped; after losing the broker, a new session a little later. */
    private void consumeUntilStopped() {
        if (running) {
            try (Connection connection = connectionFactory.createConnection();
                 Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                 MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                 MessageProducer producer = session.createProducer(null)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                connection.start();
                consume(session, consumer, producer);
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    LOG.warn("Consumer of {} lost its broker session ({}); reconnecting in {}", queue, e.toString(),
                            RECONNECT_DELAY);
                    try {
                        threads.schedule(this::consumeUntilStopped, RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException stopping) {
                        // stopped meanwhile: nothing to reconnect
                    }
                }
            }
        }
    }

    private void consume(Session session, MessageConsumer consumer, MessageProducer producer) throws JMSException {
        long isolateUntil = 0;
        while (running) {
            List<Message> received = receive(consumer, System.nanoTime() - isolateUntil < 0 ? 1 : batchSize);
            if (received.isEmpty()) {
                continue;
            }
            List<Outgoing> out;
            try {
                List<QueuedMessage> batch = new ArrayList<>(received.size());
                for (Message message : received) {
                    batch.add(QueuedMessages.of(message, queue));
                }
                out = step.process(batch);
            } catch (RuntimeException e) {
                session.rollback();
                isolateUntil = System.nanoTime() + isolation.toNanos();
                LOG.warn("{} failed on a batch of {} from {}; rolled back for redelivery", name, received.size(),
                        queue, e);
                continue;
            }
            publisher.send(session, producer, out, Topology.origin(queue));
            session.commit();
        }
    }

    /**
     * The first message waits up to the receive timeout; the rest of the batch is what arrives within the
     * linger after it. Why linger: an H2 commit rewrites every index page the batch touched, so an inbound row
     * costs ≈ 460 µs of database CPU alone in a batch of 1, 150 µs in one of 10 and 100 µs in one of 100
     * (BENCHMARKS.md, issue 17: H2InsertFloor). At 2,000 webhooks/s, taking only what was waiting made 54
     * messages per commit, lingering 20 ms 82, and the webhooks' ack p50 fell from 150 to 45 ms.
     */
    private List<Message> receive(MessageConsumer consumer, int max) throws JMSException {
        Message first = consumer.receive(RECEIVE_TIMEOUT.toMillis());
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(max);
        batch.add(first);
        long until = System.nanoTime() + lingerNanos;
        while (batch.size() < max) {
            Message next = consumer.receiveNoWait();
            if (next == null) {
                long left = until - System.nanoTime();
                if (left < 1_000_000 || (next = consumer.receive(left / 1_000_000)) == null) {
                    break;
                }
            }
            batch.add(next);
        }
        return batch;
    }
}
