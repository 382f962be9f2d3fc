package io.channelhub.app.broker;

import io.channelhub.routes.port.QueueLayout;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How many messages wait in each of the hub's queues. The embedded broker is asked directly; an external one
 * through Artemis management ({@code activemq.management}, attribute {@code messageCount}), each answer awaited
 * briefly. A depth the broker does not give (down, no management rights, no such queue) is unknown (null).
 * Read by the console's overview and by the {@code hub.queue.depth} gauges.
 */
@Component
public class QueueDepths {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDepths.class);
    private static final long ANSWER_MILLIS = 1000;
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final ObjectProvider<ConnectionFactory> connections;
    private final BrokerGuard guard;
    private final List<String> names;

    QueueDepths(ObjectProvider<EmbeddedActiveMQ> embedded, ObjectProvider<ConnectionFactory> connections,
                BrokerGuard guard, QueueLayout queues) {
        this.names = queues.all();
        this.embedded = embedded;
        this.connections = connections;
        this.guard = guard;
    }

    /** @param messages null when unknown */
    public record Depth(String queue, Long messages) {
    }

    /** Every queue of {@link QueueLayout#all()}, in that order. */
    public List<Depth> all() {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker != null && broker.getActiveMQServer() != null) {
            return fromServer(broker.getActiveMQServer());
        }
        return fromManagement();
    }

    private List<Depth> fromServer(ActiveMQServer server) {
        List<Depth> depths = new ArrayList<>();
        for (String name : names) {
            Queue queue = server.locateQueue(SimpleString.of(name));
            depths.add(new Depth(name, queue == null ? null : queue.getMessageCount()));
        }
        return depths;
    }

    private List<Depth> fromManagement() {
        List<Depth> depths = new ArrayList<>();
        ConnectionFactory factory = connections.getIfAvailable();
        boolean reachable = factory != null;
        try {
            guard.requireAvailable();
        } catch (BrokerGuard.BrokerUnavailableException e) {
            reachable = false;
        }
        if (!reachable) {
            for (String name : names) {
                depths.add(new Depth(name, null));
            }
            return depths;
        }
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
            MessageConsumer answers = session.createConsumer(replies);
            for (String name : names) {
                Message request = session.createMessage();
                JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + name, "messageCount");
                request.setJMSReplyTo(replies);
                requests.send(request);
                Message answer = answers.receive(ANSWER_MILLIS);
                Long count = null;
                if (answer != null && JMSManagementHelper.hasOperationSucceeded(answer)
                        && JMSManagementHelper.getResult(answer) instanceof Number n) {
                    count = n.longValue();
                }
                depths.add(new Depth(name, count));
            }
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Queue depths unknown: {}", e.toString());
            for (int i = depths.size(); i < names.size(); i++) {
                depths.add(new Depth(names.get(i), null));
            }
        } catch (Exception e) {
            LOG.debug("Queue depths unknown: {}", e.toString());
        }
        return depths;
    }
}
