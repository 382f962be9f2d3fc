package io.channelhub.app.inbound;

import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Matches again the status reports that arrived before their message's send was recorded. */
@Component
class StatusRetryStep implements QueueStep {
    private final StatusMatcher matcher;

    StatusRetryStep(StatusMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        return matcher.match(StatusMatcher.read(queued.text()), queued.messageId());
    }
}
