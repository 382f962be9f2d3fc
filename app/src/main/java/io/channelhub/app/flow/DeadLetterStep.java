package io.channelhub.app.flow;

import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.routes.port.Flow;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.RetryPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Messages the broker itself gave up on (a step kept failing past the delivery attempts): recorded and
 * published on {@code hub.dlq} like the dead letters the steps make themselves. An outbound message among
 * them ends {@code failed} with its event, as one whose retries the hub ran out of: the platform must
 * never wait for a message that sits in the dead letters.
 */
@Component
class DeadLetterStep implements QueueStep {
    private final DeadLetters deadLetters;
    private final MessageRepository messages;
    private final StatusEvents events;
    private final int deliveries;
    private final Clock clock;

    DeadLetterStep(DeadLetters deadLetters, MessageRepository messages, StatusEvents events, RetryPolicy retry,
                   Clock clock) {
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.events = events;
        this.deliveries = retry.redelivery().attempts();
        this.clock = clock;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        String original = queued.origin().queue();
        String hubMessageId = queued.property(Messages.HUB_MESSAGE_ID);
        String detail = "the broker moved the message here after " + deliveries
                + " failed deliveries from " + original;
        List<Outgoing> out = new ArrayList<>();
        out.add(deadLetters.bury(queued, ReasonCodes.RETRIES_EXHAUSTED, detail, deliveries,
                hubMessageId));
        if (hubMessageId != null && queued.origin().flow() == Flow.DISPATCH) {
            messages.find(hubMessageId).filter(r -> r.status() == DeliveryStatus.ACCEPTED)
                    .map(r -> fail(r, detail, queued)).ifPresent(out::addAll);
        }
        return out;
    }

    private List<Outgoing> fail(MessageRecord record, String detail, QueuedMessage queued) {
        return events.transition(record, DeliveryStatus.FAILED,
                new Reason(ReasonCodes.RETRIES_EXHAUSTED, detail, null, true), null, clock.instant(),
                queued.messageId());
    }
}
