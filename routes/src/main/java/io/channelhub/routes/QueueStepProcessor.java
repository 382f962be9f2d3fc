package io.channelhub.routes;

import io.channelhub.routes.port.QueueStep;
import jakarta.jms.Message;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Adapts a {@link QueueStep} to a Camel processor: hands it the JMS message's body and application
 * properties, and leaves the step's {@code List<Outgoing>} as the body for {@link PublishRoute}.
 */
final class QueueStepProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStepProcessor.class);
    private final String flow;
    private final String queue;
    private final QueueStep step;
    private final FlowMeters meters;

    QueueStepProcessor(String flow, String queue, QueueStep step, FlowMeters meters) {
        this.flow = flow;
        this.queue = queue;
        this.step = step;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message jms = exchange.getIn(JmsMessage.class).getJmsMessage();
        var message = QueuedMessages.of(exchange.getIn().getBody(), jms, queue);
        exchange.setProperty(JmsPublisher.CONSUMED, Topology.origin(queue));
        exchange.getIn().removeHeaders("*");
        // every log line about this message carries its ids (logging.pattern.correlation)
        try (var tenant = MDC.putCloseable("tenantId", message.property("tenantId"));
             var channel = MDC.putCloseable("channel", message.property("channel"));
             var id = MDC.putCloseable("hubMessageId", message.property("hubMessageId"))) {
            long start = System.nanoTime();
            try {
                exchange.getIn().setBody(step.process(message));
            } catch (RuntimeException e) {
                LOG.warn("{} failed on message {} (delivery {}); rolled back for redelivery", flow,
                        message.messageId(), message.deliveryCount(), e);
                throw e;
            }
            meters.record(flow, message.property("channel"), System.nanoTime() - start);
        }
    }
}
