package io.channelhub.routes;

import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;

/**
 * Adapts a {@link QueueStep} to a Camel processor: hands it the JMS message's body and application
 * properties, and leaves the step's {@code List<Outgoing>} as the body for {@link PublishRoute}.
 */
final class QueueStepProcessor implements Processor {
    private final QueueStep step;

    QueueStepProcessor(QueueStep step) {
        this.step = step;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message jms = exchange.getIn(JmsMessage.class).getJmsMessage();
        Map<String, Object> properties = new HashMap<>();
        for (Enumeration<?> names = jms.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            properties.put(name, jms.getObjectProperty(name));
        }
        Object body = exchange.getIn().getBody();
        QueuedMessage message = new QueuedMessage(body, properties, jms.getJMSMessageID(), deliveryCount(jms));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(step.process(message));
    }

    private static int deliveryCount(Message jms) throws JMSException {
        return jms.propertyExists("JMSXDeliveryCount") ? jms.getIntProperty("JMSXDeliveryCount") : 1;
    }
}
