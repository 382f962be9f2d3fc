package io.channelhub.routes;

import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.Publisher;
import io.channelhub.routes.port.QueuedMessage.Origin;
import jakarta.annotation.PreDestroy;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a step's {@link Outgoing} messages, each to the queue {@link Topology} gives it, on one session: inside a transacted consumer, the consumer's
 * own transaction (they commit or roll back with the consumed message); elsewhere, one local transaction,
 * so a submission's messages cost one journal sync together. Written on Spring's JmsTemplate
 * rather than a Camel split and dynamic endpoint per message: that resolved and normalized an endpoint
 * URI for every message, the largest cost of publishing in the profile.
 */
@Component
public class JmsPublisher implements Processor, Publisher {
    private final JmsTemplate transacted;
    private final JmsTemplate single;
    private final JmsTemplate ownTransaction;
    private final CachingConnectionFactory sessions;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    /**
     * Sessions kept for sends outside a transaction: one per concurrent sender (each webhook request is one; P1
     * runs up to 128). A sender beyond them gets a session made and closed for its send, as without the cache.
     * Fewer than the pool's sessions per connection (500), which the cache's sessions come from.
     */
    private static final int CACHED_SESSIONS = 256;

    public JmsPublisher(ConnectionFactory connectionFactory) {
        this.transacted = new JmsTemplate(connectionFactory);
        this.transacted.setSessionTransacted(true);
        // Outside a consumer's transaction (a webhook, a submission) the session and producer stay in Spring's
        // cache: taking them from the pool for every send (borrow, stats, return) was a third of a webhook's
        // send CPU. A consumer's transaction is bound to the pool's factory, so inside one the pool's is used.
        this.sessions = new CachingConnectionFactory(connectionFactory);
        this.sessions.setSessionCacheSize(CACHED_SESSIONS);
        this.sessions.setReconnectOnException(true);
        this.single = new JmsTemplate(sessions);
        this.ownTransaction = new JmsTemplate(sessions);
        this.ownTransaction.setSessionTransacted(true);
    }

    @PreDestroy
    void close() {
        sessions.destroy();
    }

    /** The exchange property a consumer route sets to the flow it consumes, for {@link Outgoing.Reschedule}. */
    static final String CONSUMED = "hubConsumed";

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        List<Outgoing> messages = exchange.getIn().getBody(List.class);
        if (messages != null && !messages.isEmpty()) {
            publish(messages, exchange.getProperty(CONSUMED, Origin.class));
        }
    }

    /**
     * One message outside a consumer's transaction (a webhook) is sent on its own: a duplicate of a
     * provider's retry is then silently dropped by the broker, where a transaction would be rolled back.
     */
    @Override
    public void publish(List<Outgoing> messages) {
        publish(messages, null);
    }

    private void publish(List<Outgoing> messages, Origin consumed) {
        boolean inConsumerTransaction =
                TransactionSynchronizationManager.getResource(transacted.getConnectionFactory()) != null;
        JmsTemplate template = inConsumerTransaction ? transacted : messages.size() > 1 ? ownTransaction : single;
        template.execute(session -> {
            try (MessageProducer producer = session.createProducer(null)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                send(session, producer, messages, consumed);
            }
            // Outside a consumer's transaction a transacted session is our own: commit what was sent, at once.
            if (session.getTransacted() && !inConsumerTransaction) {
                session.commit();
            }
            return null;
        }, true);
    }

    /** Sends in order on a session the caller owns, with an anonymous persistent producer of that session. */
    void send(Session session, MessageProducer producer, List<Outgoing> messages, Origin consumed)
            throws JMSException {
        for (Outgoing out : messages) {
            Topology.Addressed addressed = Topology.address(out, consumed);
            producer.send(queue(session, addressed.queue()), toMessage(session, addressed));
        }
    }

    /** Resolved once per name: the Artemis client asks the broker about the address on every createQueue. */
    private Queue queue(Session session, String name) throws JMSException {
        Queue queue = queues.get(name);
        if (queue == null) {
            queue = session.createQueue(name);
            queues.put(name, queue);
        }
        return queue;
    }

    private static Message toMessage(Session session, Topology.Addressed out) throws JMSException {
        Message message;
        if (out.body() instanceof byte[] bytes) {
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(bytes);
            message = b;
        } else {
            message = session.createTextMessage(String.valueOf(out.body()));
        }
        for (Map.Entry<String, Object> p : out.properties().entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        return message;
    }
}
