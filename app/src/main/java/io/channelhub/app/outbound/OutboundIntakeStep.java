package io.channelhub.app.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.app.flow.DeadLetters;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Submissions the core platform publishes on {@code hub.outbound}: accepted as through the API. Without
 * an {@code idempotencyKey} property the broker's message id serves as the key, so a redelivery never
 * sends twice. What cannot be accepted becomes a {@code rejected} event; what is not a submission at all
 * (no JSON, no tenant) goes to the dead letters.
 */
@Component
class OutboundIntakeStep implements QueueStep {
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    private final SubmissionService submissions;
    private final DeadLetters deadLetters;

    OutboundIntakeStep(SubmissionService submissions, DeadLetters deadLetters) {
        this.submissions = submissions;
        this.deadLetters = deadLetters;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        OutboundSubmission submission;
        try {
            submission = HubJson.mapper().readValue(queued.text(), OutboundSubmission.class);
        } catch (JsonProcessingException e) {
            return List.of(deadLetters.bury(queued, ReasonCodes.INVALID_REQUEST,
                    "not an outbound submission: " + e.getOriginalMessage(), queued.deliveryCount(), null));
        }
        if (submission.tenantId() == null || submission.channel() == null) {
            return List.of(deadLetters.bury(queued, ReasonCodes.INVALID_REQUEST,
                    "tenantId and channel are required", queued.deliveryCount(), null));
        }
        String key = queued.property(IDEMPOTENCY_KEY);
        try {
            return submissions.submit(new SubmissionService.Command(submission,
                    key != null ? key : "jms:" + queued.messageId(), queued.messageId())).outgoing();
        } catch (SubmissionRejected e) {
            if (e.status() == 404) {
                return List.of(deadLetters.bury(queued, ReasonCodes.INVALID_REQUEST,
                        e.getMessage(), queued.deliveryCount(), null));
            }
            return submissions.rejectQueued(submission, e.reasonCode(), e.getMessage(), queued.messageId());
        }
    }
}
