package io.channelhub.app.flow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.FallbackRepository;
import io.channelhub.app.persistence.GroupCommit;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.StatusEntry;
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
import java.util.HashMap;
import java.util.List;
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
    private final FallbackRepository fallbacks;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final MeterRegistry meters;

    public StatusEvents(MessageRepository messages, FallbackRepository fallbacks, Clock clock, GroupCommit groupCommit,
                        MeterRegistry meters) {
        this.messages = messages;
        this.fallbacks = fallbacks;
        this.clock = clock;
        this.groupCommit = groupCommit;
        this.meters = meters;
    }

    /**
     * Records {@code status} for the message and answers the event to publish, or nothing when the status
     * was recorded before (a repeated report) or would move the message backwards. A message that ends
     * undelivered and has a fallback chain also gets its chain checked ({@link Outgoing.CheckFallback}).
     *
     * @param intakeRef the queued item this comes from, so a redelivery after a rollback is not taken
     *                  for a repeat
     */
    public List<Outgoing> transition(MessageRecord record, DeliveryStatus status, Reason reason,
                                     String providerMessageId, Instant at, String intakeRef) {
        Instant when = at == null ? clock.instant() : at;
        // History and status in one commit, shared with other callers' (GroupCommit). Only the statements run
        // on the shared writer; the event is built here, by the caller.
        Recorded recorded = groupCommit.execute(() -> {
            boolean publish = record(record, status, reason, providerMessageId, intakeRef);
            return new Recorded(publish, publish && endsUndelivered(status) && fallbacks.pending(record.id()));
        });
        if (!recorded.publish()) {
            return List.of();
        }
        return withFallbackCheck(event(record, status, reason, providerMessageId, when), record,
                recorded.checkFallback());
    }

    private record Recorded(boolean publish, boolean checkFallback) {
    }

    private static boolean endsUndelivered(DeliveryStatus status) {
        return status == DeliveryStatus.FAILED || status == DeliveryStatus.REJECTED;
    }

    private List<Outgoing> withFallbackCheck(Outgoing event, MessageRecord record, boolean check) {
        return check ? List.of(event, checkFallback(record, clock.instant())) : List.of(event);
    }

    /** A check of the message's fallback chain, due at {@code at}. */
    public static Outgoing checkFallback(MessageRecord record, Instant at) {
        Map<String, Object> properties = new HashMap<>(Messages.routing(record.tenantId(), record.channel(),
                record.conversationId()));
        properties.put(Messages.HUB_CHECK_AT, at.toEpochMilli());
        return new Outgoing.CheckFallback(record.id(), properties, at);
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
    public List<Outgoing> republishOwn(MessageRecord record, String intakeRef) {
        Optional<StatusEntry> own = messages.recordedBy(record.id(), record.round(), intakeRef);
        if (own.isEmpty()) {
            return List.of();
        }
        StatusEntry entry = own.get();
        Outgoing event = event(record, entry.status(), entry.reasonCode() == null ? null
                : new Reason(entry.reasonCode(), entry.detail(), entry.providerCode(), null), null, entry.at());
        return withFallbackCheck(event, record, endsUndelivered(entry.status()) && fallbacks.pending(record.id()));
    }

    public Outgoing event(MessageRecord record, DeliveryStatus status, Reason reason, String providerMessageId,
                          Instant when) {
        String providerId = providerMessageId != null ? providerMessageId : record.providerMessageId();
        Echo echo = echoOf(record);
        StatusEvent event = new StatusEvent(UUID.randomUUID().toString(), record.id(), record.tenantId(),
                record.channel(), providerId, status, reason, when, echo.metadata(), echo.fallbackOf());
        return Messages.event(event, record.conversationId());
    }

    /** What an event repeats of its stored message: the caller's metadata, and the message a fallback is of. */
    record Echo(Map<String, Object> metadata, String fallbackOf) {
        static final Echo NONE = new Echo(Map.of(), null);
    }

    /**
     * The echo, read from the stored message without binding the rest of it: this runs for every event and
     * binding the whole message was most of an event's cost (BENCHMARKS.md, P4).
     */
    static Echo echoOf(MessageRecord record) {
        if (record.body() == null) {
            return Echo.NONE;
        }
        try (JsonParser json = HubJson.mapper().createParser(record.body())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return Echo.NONE;
            }
            Map<String, Object> metadata = Map.of();
            String fallbackOf = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (value == JsonToken.START_OBJECT && "metadata".equals(field)) {
                    metadata = METADATA.readValue(json);
                } else if (value == JsonToken.VALUE_STRING && "fallbackOf".equals(field)) {
                    fallbackOf = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            return new Echo(metadata, fallbackOf);
        } catch (IOException e) {
            return Echo.NONE;
        }
    }
}
