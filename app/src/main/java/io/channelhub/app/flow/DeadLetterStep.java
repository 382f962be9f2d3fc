package io.channelhub.app.flow;

import io.channelhub.app.broker.BrokerProperties;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Messages the broker itself gave up on (a step kept failing past the delivery attempts): recorded and
 * published on {@code hub.dlq} like the dead letters the steps make themselves.
 */
@Component
class DeadLetterStep implements QueueStep {
    private final DeadLetters deadLetters;
    private final BrokerProperties broker;

    DeadLetterStep(DeadLetters deadLetters, BrokerProperties broker) {
        this.deadLetters = deadLetters;
        this.broker = broker;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        String original = queued.property("_AMQ_ORIG_QUEUE");
        return List.of(deadLetters.bury(queued, original == null ? "unknown" : original, ReasonCodes.RETRIES_EXHAUSTED,
                "the broker moved the message here after its delivery attempts failed",
                broker.maxDeliveryAttempts(), queued.property(Messages.HUB_MESSAGE_ID)));
    }
}
