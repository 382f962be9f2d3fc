package io.channelhub.app.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.app.persistence.GroupCommit;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.StatusEvent;
import io.channelhub.routes.port.Outgoing;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Moves outbound messages through their statuses: records the step in the history (once per status),
 * advances the message (never backwards) and builds the status event with the caller's metadata echoed.
 */
@Component
public class StatusEvents {
    private final MessageRepository messages;
    private final Clock clock;
    private final GroupCommit groupCommit;

    public StatusEvents(MessageRepository messages, Clock clock, GroupCommit groupCommit) {
        this.messages = messages;
        this.clock = clock;
        this.groupCommit = groupCommit;
    }

    /**
     * Records {@code status} for the message and answers the event to publish, or empty when the status
     * was recorded before (a repeated report) or would move the message backwards.
     *
     * @param intakeRef the queued item this comes from, so a redelivery after a rollback is not taken
     *                  for a repeat
     */
    public Optional<Outgoing> transition(MessageRecord record, DeliveryStatus status, Reason reason,
                                         String providerMessageId, Instant at, String intakeRef) {
        // History and status in one commit, shared with other callers' (GroupCommit).
        return groupCommit.execute(() -> record(record, status, reason, providerMessageId, at, intakeRef));
    }

    private Optional<Outgoing> record(MessageRecord record, DeliveryStatus status, Reason reason,
                                      String providerMessageId, Instant at, String intakeRef) {
        Instant when = at == null ? clock.instant() : at;
        // The history is kept in the order the hub learned of each status; the event carries the provider's time.
        MessageRepository.Append append = messages.appendStatus(record.id(), record.round(), status, reason, intakeRef,
                clock.instant());
        if (append == MessageRepository.Append.DUPLICATE) {
            return Optional.empty();
        }
        boolean moved = messages.advance(record, status, providerMessageId,
                reason == null ? null : reason.code() + ": " + reason.detail(), clock.instant());
        boolean ownRetry = append == MessageRepository.Append.OWN_EARLIER_ATTEMPT;
        if (!moved && !ownRetry && status != DeliveryStatus.ACCEPTED) {
            return Optional.empty(); // late or out of order: never moves the message back
        }
        return Optional.of(event(record, status, reason, providerMessageId, when));
    }

    /**
     * For a queued item delivered again after its transaction rolled back, when the message's status was
     * already recorded by that earlier delivery: the event that delivery could not publish.
     */
    public Optional<Outgoing> republishOwn(MessageRecord record, String intakeRef) {
        return messages.recordedBy(record.id(), record.round(), intakeRef).map(entry -> event(record, entry.status(),
                entry.reasonCode() == null ? null : new Reason(entry.reasonCode(), entry.detail(),
                        entry.providerCode(), null), null, entry.at()));
    }

    private Outgoing event(MessageRecord record, DeliveryStatus status, Reason reason, String providerMessageId,
                           Instant when) {
        String providerId = providerMessageId != null ? providerMessageId : record.providerMessageId();
        StatusEvent event = new StatusEvent(UUID.randomUUID().toString(), record.id(), record.tenantId(),
                record.channel(), providerId, status, reason, when, metadataOf(record));
        return Messages.event(event, record.conversationId());
    }

    private static Map<String, Object> metadataOf(MessageRecord record) {
        if (record.body() == null) {
            return Map.of();
        }
        try {
            return HubJson.mapper().readValue(record.body(), CanonicalMessage.class).metadata();
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
