package io.channelhub.app.flow;

import io.channelhub.app.audit.AuditTrail;
import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.app.persistence.DeadLetterRepository;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.routes.port.Flow;
import io.channelhub.routes.port.Flows;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.Publisher;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts a dead letter back on the queue it came from, with its original body and properties and a fresh
 * count of attempts. Each dead letter is replayed at most once; a dispatch is reopened first so the
 * message is sent again rather than skipped as finished.
 */
@Component
public class DeadLetterReplay {
    private final DeadLetterRepository deadLetters;
    private final MessageRepository messages;
    private final Publisher publisher;
    private final Flows flows;
    private final AuditTrail audit;
    private final Clock clock;

    public DeadLetterReplay(DeadLetterRepository deadLetters, MessageRepository messages, Publisher publisher,
                            Flows flows, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.publisher = publisher;
        this.flows = flows;
        this.clock = clock;
    }

    public enum Result {
        REPLAYED,
        /** Replayed before: a dead letter is replayed at most once. */
        ALREADY_REPLAYED,
        /** It came from a queue that is none of the hub's flows, so there is nowhere to put it back. */
        NO_FLOW
    }

    public Result replay(DeadLetter letter) {
        Flow flow = flows.flowOf(letter.originalQueue());
        if (flow == Flow.OTHER) {
            return Result.NO_FLOW;
        }
        if (letter.replayedAt() != null) {
            return Result.ALREADY_REPLAYED;
        }
        Map<String, Object> properties = new HashMap<>(letter.properties());
        properties.put(Messages.HUB_ATTEMPTS, 0);
        if (flow == Flow.DISPATCH && letter.messageId() != null) {
            messages.reopen(letter.messageId(), clock.instant());
        }
        Object body = "base64".equals(letter.bodyEncoding()) ? letter.bodyBytes() : letter.body();
        if (!deadLetters.markReplayed(letter.id(), clock.instant())) {
            return Result.ALREADY_REPLAYED;
        }
        publisher.publish(List.of(new Outgoing.Replay(flow, body, properties)));
        audit.record("dead_letter.replayed", letter.tenantId(), "dead letter " + letter.id(),
                Map.of("queue", letter.originalQueue(), "reasonCode", String.valueOf(letter.reasonCode())));
        return Result.REPLAYED;
    }
}
