package io.channelhub.bench.hub;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * The hub broker's management address over TCP (the embedded broker has security off on 127.0.0.1): queue
 * depths between phases, and emptying the internal queues so one phase's backlog does not load the next.
 */
public final class BrokerProbe implements AutoCloseable {
    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final ClientRequestor requestor;

    public BrokerProbe(String brokerUrl) throws Exception {
        locator = ActiveMQClient.createServerLocator(brokerUrl);
        factory = locator.createSessionFactory();
        session = factory.createSession(false, true, true);
        session.start();
        requestor = new ClientRequestor(session, "activemq.management");
    }

    public synchronized long messageCount(String queue) throws Exception {
        ClientMessage m = session.createMessage(false);
        ManagementHelper.putAttribute(m, ResourceNames.QUEUE + queue, "messageCount");
        ClientMessage reply = requestor.request(m, 10_000);
        if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("messageCount of " + queue + " failed");
        }
        return ((Number) ManagementHelper.getResult(reply)).longValue();
    }

    /** Removes every message of the queue; answers how many. */
    public synchronized long removeAll(String queue) throws Exception {
        ClientMessage m = session.createMessage(false);
        ManagementHelper.putOperationInvocation(m, ResourceNames.QUEUE + queue, "removeAllMessages");
        ClientMessage reply = requestor.request(m, 60_000);
        if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("removeAllMessages of " + queue + " failed");
        }
        return ((Number) ManagementHelper.getResult(reply)).longValue();
    }

    /** Pauses or resumes delivery of a queue to its consumers (messages still arrive and are kept). */
    public synchronized void pause(String queue, boolean paused) throws Exception {
        ClientMessage m = session.createMessage(false);
        ManagementHelper.putOperationInvocation(m, ResourceNames.QUEUE + queue, paused ? "pause" : "resume");
        ClientMessage reply = requestor.request(m, 10_000);
        if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException((paused ? "pause" : "resume") + " of " + queue + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        requestor.close();
        session.close();
        factory.close();
        locator.close();
    }
}
