package io.channelhub.bench.hub;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The core platform's side: a JMS client in this (another) JVM consuming a hub queue over TCP, as the
 * platform does. Counts what it receives, remembers when the first and the latest matching message came,
 * and, when webhook post times are stamped, records the post → consume latency of each inbound message.
 */
public final class QueueConsumer implements AutoCloseable {
    private static final String PROVIDER_ID = "\"providerMessageId\":\"";
    private final Connection connection;
    private final Session session;
    private final MessageConsumer consumer;
    private final String match;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong firstMatchNanos = new AtomicLong();
    private final AtomicLong lastMatchNanos = new AtomicLong();
    private final AtomicReference<String> sample = new AtomicReference<>();
    private final AtomicLong marked = new AtomicLong();
    private volatile String marker;
    private volatile Map<String, Long> stamps;
    private volatile long stampedFrom = Long.MAX_VALUE;
    private Histogram latencyMicros = new Histogram(1, 600_000_000L, 3);

    /**
     * @param match text a message must contain to count as matched (e.g. {@code "status":"sent"}), or null
     *              for all
     */
    public QueueConsumer(String brokerUrl, String queue, String match) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        this.match = match;
        connection = factory.createConnection();
        session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    private void onMessage(Message m) {
        long now = System.nanoTime();
        received.incrementAndGet();
        try {
            String text = m instanceof TextMessage t ? t.getText() : null;
            String mark = marker;
            if (mark != null && text != null && text.contains(mark)) {
                marked.incrementAndGet();
            }
            if (match != null && (text == null || !text.contains(match))) {
                return;
            }
            sample.compareAndSet(null, text);
            matched.incrementAndGet();
            firstMatchNanos.compareAndSet(0, now);
            lastMatchNanos.set(now);
            Map<String, Long> s = stamps;
            if (s != null && text != null) {
                int i = text.indexOf(PROVIDER_ID);
                if (i >= 0) {
                    int from = i + PROVIDER_ID.length();
                    Long posted = s.remove(text.substring(from, text.indexOf('"', from)));
                    if (posted != null && posted >= stampedFrom) {
                        synchronized (this) {
                            latencyMicros.recordValue(Math.max(1, Math.min((now - posted) / 1000, 600_000_000L)));
                        }
                    }
                }
            }
        } catch (JMSException e) {
            sample.compareAndSet(null, e.toString());
        }
    }

    /** Matches posts stamped into {@code sink} with what arrives; records those posted at or after {@code from}. */
    public synchronized void measureLatency(Map<String, Long> sink, long fromNanos) {
        latencyMicros = new Histogram(1, 600_000_000L, 3);
        stampedFrom = fromNanos;
        stamps = sink;
    }

    public synchronized Histogram latency() {
        return latencyMicros.copy();
    }

    public synchronized void stopLatency() {
        stamps = null;
    }

    /** From now on counts the messages containing {@code text} (e.g. one phase's message-id prefix). */
    public void countMarked(String text) {
        marked.set(0);
        marker = text;
    }

    public long marked() {
        return marked.get();
    }

    public long received() {
        return received.get();
    }

    public long matched() {
        return matched.get();
    }

    public void resetMatches() {
        matched.set(0);
        firstMatchNanos.set(0);
        lastMatchNanos.set(0);
    }

    public long firstMatchNanos() {
        return firstMatchNanos.get();
    }

    public long lastMatchNanos() {
        return lastMatchNanos.get();
    }

    public String sample() {
        return sample.get();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
