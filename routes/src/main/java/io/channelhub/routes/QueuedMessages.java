package io.channelhub.routes;

import io.channelhub.routes.port.QueuedMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** Reads a received JMS message into the {@link QueuedMessage} that steps see. */
final class QueuedMessages {
    private static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    private QueuedMessages() {
    }

    static QueuedMessage of(Message jms, String queue) throws JMSException {
        Object body;
        if (jms instanceof BytesMessage bytes) {
            byte[] b = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(b);
            body = b;
        } else if (jms instanceof TextMessage text) {
            body = text.getText();
        } else {
            body = jms.getBody(Object.class);
        }
        return of(body, jms, queue);
    }

    /** With the body as the caller already read it (Camel converts it on receipt). */
    static QueuedMessage of(Object body, Message jms, String queue) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Enumeration<?> names = jms.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (isApplicationProperty(name)) {
                properties.put(name, jms.getObjectProperty(name));
            }
        }
        int deliveryCount = jms.propertyExists("JMSXDeliveryCount") ? jms.getIntProperty("JMSXDeliveryCount") : 1;
        // what the broker dead-lettered is about the queue it failed in
        String in = HubQueues.DEAD.equals(queue) && jms.propertyExists(ORIGINAL_QUEUE)
                ? jms.getStringProperty(ORIGINAL_QUEUE) : queue;
        return new QueuedMessage(body, properties, jms.getJMSMessageID(), deliveryCount, Topology.origin(in));
    }

    /**
     * The broker's own properties stay with the broker: a duplicate id or a schedule carried into a retry, a
     * reschedule or a replay would have the broker drop or delay it. The conversation's group id travels on.
     */
    private static boolean isApplicationProperty(String name) {
        return !name.startsWith("_AMQ") && (!name.startsWith("JMSX") || name.equals("JMSXGroupID"));
    }
}
