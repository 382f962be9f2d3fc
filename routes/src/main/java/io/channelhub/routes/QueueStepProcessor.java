package io.channelhub.routes;

import io.channelhub.routes.port.QueueStep;
import jakarta.jms.Message;
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
        var message = QueuedMessages.of(exchange.getIn().getBody(), jms);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(step.process(message));
    }
}
