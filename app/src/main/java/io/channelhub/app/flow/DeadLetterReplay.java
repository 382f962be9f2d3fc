package io.channelhub.app.flow;

import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.app.persistence.DeadLetterRepository;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.routes.HubQueues;
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
    private final Clock clock;

    public DeadLetterReplay(DeadLetterRepository deadLetters, MessageRepository messages, Publisher publisher,
                            Clock clock) {
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.publisher = publisher;
        this.clock = clock;
    }

    public boolean replay(DeadLetter letter) {
        if (letter.replayedAt() != null) {
            return false;
        }
        Map<String, Object> properties = new HashMap<>(letter.properties());
        properties.put(Messages.HUB_ATTEMPTS, 0);
        if (HubQueues.DISPATCH.equals(letter.originalQueue()) && letter.messageId() != null) {
            messages.reopen(letter.messageId(), clock.instant());
        }
        Object body = "base64".equals(letter.bodyEncoding()) ? letter.bodyBytes() : letter.body();
        if (!deadLetters.markReplayed(letter.id(), clock.instant())) {
            return false;
        }
        publisher.publish(List.of(new Outgoing(letter.originalQueue(), body, properties)));
        return true;
    }
}
