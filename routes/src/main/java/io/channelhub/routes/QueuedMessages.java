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
    private QueuedMessages() {
    }

    static QueuedMessage of(Message jms) throws JMSException {
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
        return of(body, jms);
    }

    /** With the body as the caller already read it (Camel converts it on receipt). */
    static QueuedMessage of(Object body, Message jms) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Enumeration<?> names = jms.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            properties.put(name, jms.getObjectProperty(name));
        }
        int deliveryCount = jms.propertyExists("JMSXDeliveryCount") ? jms.getIntProperty("JMSXDeliveryCount") : 1;
        return new QueuedMessage(body, properties, jms.getJMSMessageID(), deliveryCount);
    }
}
