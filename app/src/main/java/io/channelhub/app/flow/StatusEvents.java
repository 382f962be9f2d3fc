package io.channelhub.app.flow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.GroupCommit;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.TransactionHooks;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.StatusEvent;
import io.channelhub.routes.port.Outgoing;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
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
    /** Reads the metadata object in the middle of a stored message: what follows it is not "trailing". */
    private static final ObjectReader METADATA = HubJson.mapper().readerFor(new TypeReference<Map<String, Object>>() {
    }).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final MessageRepository messages;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final MeterRegistry meters;

    public StatusEvents(MessageRepository messages, Clock clock, GroupCommit groupCommit, MeterRegistry meters) {
        this.messages = messages;
        this.clock = clock;
        this.groupCommit = groupCommit;
        this.meters = meters;
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
        Instant when = at == null ? clock.instant() : at;
        // History and status in one commit, shared with other callers' (GroupCommit). Only the statements run
        // on the shared writer; the event is built here, by the caller.
        boolean publish = groupCommit.execute(() -> record(record, status, reason, providerMessageId, intakeRef));
        return publish ? Optional.of(event(record, status, reason, providerMessageId, when)) : Optional.empty();
    }

    /**
     * The statements of a transition, for a caller that runs them in its own transaction: answers whether
     * the caller is to publish the event ({@link #event}).
     */
    public boolean record(MessageRecord record, DeliveryStatus status, Reason reason, String providerMessageId,
                          String intakeRef) {
        // The history is kept in the order the hub learned of each status; the event carries the provider's time.
        MessageRepository.Append append = messages.appendStatus(record.id(), record.round(), status, reason, intakeRef,
                clock.instant());
        if (append == MessageRepository.Append.DUPLICATE) {
            return false;
        }
        boolean moved = messages.advance(record, status, providerMessageId,
                reason == null ? null : reason.code() + ": " + reason.detail(), clock.instant());
        boolean ownRetry = append == MessageRepository.Append.OWN_EARLIER_ATTEMPT;
        if (append != MessageRepository.Append.OWN_EARLIER_ATTEMPT) {
            // counted once per status a message reaches, when that is committed
            TransactionHooks.afterCommit(() -> {
                meters.counter(HubMeters.MESSAGES, "channel", record.channel(), "direction", "outbound", "status",
                        status.wireName()).increment();
                Trail.status(record.id(), record.tenantId(), record.channel(), status,
                        providerMessageId != null ? providerMessageId : record.providerMessageId(), reason);
            });
        }
        // Otherwise the report is late or out of order, and it never moves the message back.
        return moved || ownRetry || status == DeliveryStatus.ACCEPTED;
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

    public Outgoing event(MessageRecord record, DeliveryStatus status, Reason reason, String providerMessageId,
                          Instant when) {
        String providerId = providerMessageId != null ? providerMessageId : record.providerMessageId();
        StatusEvent event = new StatusEvent(UUID.randomUUID().toString(), record.id(), record.tenantId(),
                record.channel(), providerId, status, reason, when, metadataOf(record));
        return Messages.event(event, record.conversationId());
    }

    /**
     * The caller's metadata to echo, read from the stored message without binding the rest of it: this ran
     * for every event and binding the whole message was most of an event's cost (BENCHMARKS.md, P4).
     */
    static Map<String, Object> metadataOf(MessageRecord record) {
        if (record.body() == null) {
            return Map.of();
        }
        try (JsonParser json = HubJson.mapper().createParser(record.body())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (json.nextToken() == JsonToken.START_OBJECT && "metadata".equals(field)) {
                    return METADATA.readValue(json);
                }
                json.skipChildren();
            }
            return Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }
}
