package io.channelhub.app.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.StatusUpdate;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Matches a provider's status report to the hub message it is about and turns it into a status event.
 * A report can arrive before the hub has stored the provider id of its own send (fast providers): it
 * is then parked on a retry queue and matched again a little later, a few times, before it is counted
 * as unmatched.
 */
@Component
class StatusMatcher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusMatcher.class);
    private final MessageRepository messages;
    private final StatusEvents events;
    private final ConsentStore consent;
    private final RetryPolicy retry;
    private final MeterRegistry meters;
    private final Clock clock;

    StatusMatcher(MessageRepository messages, StatusEvents events, ConsentStore consent, RetryPolicy retry,
                  MeterRegistry meters, Clock clock) {
        this.messages = messages;
        this.events = events;
        this.consent = consent;
        this.retry = retry;
        this.meters = meters;
        this.clock = clock;
    }

    /** A status report waiting to be matched. */
    record Pending(String tenantId, String channel, StatusUpdate update, int attempt) {
    }

    List<Outgoing> match(Pending pending, String intakeRef) {
        StatusUpdate update = pending.update();
        if (update.watermark() != null && update.recipient() != null) {
            return watermark(pending, intakeRef);
        }
        Optional<MessageRecord> record = update.hubMessageId() != null
                ? messages.find(pending.tenantId(), update.hubMessageId())
                : Optional.ofNullable(update.providerMessageId()).flatMap(id -> messages.findByProviderId(
                pending.tenantId(), pending.channel(), Direction.OUTBOUND, id));
        if (record.isEmpty() && update.recipient() != null) {
            // A report that names no message the hub knows (a bounce whose Message-ID a relay rewrote) is
            // about the latest message sent to its recipient that has heard nothing since.
            record = messages.latestSentIn(ConversationIds.derive(pending.tenantId(), pending.channel(),
                    update.recipient()));
        }
        if (record.isEmpty()) {
            return park(pending);
        }
        MessageRecord r = record.get();
        if (update.status() == DeliveryStatus.FAILED && update.reason() != null
                && ReasonCodes.OPTED_OUT.equals(update.reason().code())) {
            consent.optOut(r.tenantId(), r.channel(), r.contactAddress(), ConsentStore.Source.PROVIDER,
                    "provider status for message " + r.id());
        }
        return events.transition(r, update.status(), update.reason(), update.providerMessageId(), update.timestamp(),
                intakeRef);
    }

    /**
     * A watermark moves every message it covers forward, each with its own event; one already further (or
     * reported before) is left alone. Nothing covered is nothing to do: a watermark names no one message
     * that could still be recorded later.
     */
    private List<Outgoing> watermark(Pending pending, String intakeRef) {
        StatusUpdate update = pending.update();
        String conversationId = ConversationIds.derive(pending.tenantId(), pending.channel(), update.recipient());
        List<Outgoing> out = new ArrayList<>();
        for (MessageRecord r : messages.sentUpTo(conversationId, update.watermark())) {
            out.addAll(events.transition(r, update.status(), null, null, update.timestamp(), intakeRef));
        }
        return out;
    }

    private List<Outgoing> park(Pending pending) {
        if (pending.attempt() >= retry.statusMatchAttempts()) {
            meters.counter(HubMeters.STATUS_UNMATCHED, "channel", pending.channel()).increment();
            LOG.info("Status report for unknown message {} of tenant {} dropped after {} attempts",
                    pending.update().providerMessageId(), pending.tenantId(), pending.attempt());
            return List.of();
        }
        Pending next = new Pending(pending.tenantId(), pending.channel(), pending.update(), pending.attempt() + 1);
        return List.of(new Outgoing.MatchStatusLater(Messages.json(next),
                Messages.routing(pending.tenantId(), pending.channel(), null),
                clock.instant().plus(retry.delayAfter(next.attempt()))));
    }

    static Pending read(String json) {
        try {
            return HubJson.mapper().readValue(json, Pending.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pending status is not JSON", e);
        }
    }
}
