package io.channelhub.app.outbound;

import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.flow.DeadLetters;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.registry.ConnectorHealth;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.SendResult;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Dispatch, last step: what a decision or a provider's answer means for the message — its status and event, a
 * retry re-scheduled on the broker with backoff (a provider's Retry-After honoured), a wait that spends no
 * attempt, a dead letter once the attempts are spent, the connector's health and a provider's opt-out.
 */
@Component
class DispatchOutcomes {
    /**
     * How long after its acceptance a message dispatch has not seen yet may be one that was never queued: far
     * longer than a submission takes between recording and queuing.
     */
    static final Duration NEVER_QUEUED_GRACE = Duration.ofMinutes(1);
    /** How often a dispatch item has waited behind an earlier message: its backstop grows with it. */
    static final String HUB_ORDERING_WAITS = "hubOrderingWaits";
    private final MessageRepository messages;
    private final StatusEvents events;
    private final DeadLetters deadLetters;
    private final ConnectorHealth health;
    private final ConsentStore consent;
    private final UsageMeter usage;
    private final RetryPolicy retry;
    private final MeterRegistry meters;
    private final Clock clock;

    DispatchOutcomes(MessageRepository messages, StatusEvents events, DeadLetters deadLetters, ConnectorHealth health,
                     ConsentStore consent, UsageMeter usage, RetryPolicy retry, MeterRegistry meters, Clock clock) {
        this.messages = messages;
        this.events = events;
        this.deadLetters = deadLetters;
        this.health = health;
        this.consent = consent;
        this.usage = usage;
        this.retry = retry;
        this.meters = meters;
        this.clock = clock;
    }

    List<Outgoing> sent(MessageRecord record, QueuedMessage queued, SendResult result) {
        usage.count(record.tenantId(), record.channel(), "outbound", Math.max(1, result.billableUnits()));
        return thenWakeNext(record, events.transition(record, DeliveryStatus.SENT, null, result.providerMessageId(),
                clock.instant(), queued.messageId()));
    }

    List<Outgoing> transientFailure(MessageRecord record, QueuedMessage queued, TransientChannelException e,
                                    boolean probeFailed) {
        if (probeFailed) {
            // A half-open circuit's probe failed: the provider account is still down, which is not this
            // message's fault. It waits behind the circuit again and spends no attempt.
            messages.recordError(record.id(), e.reasonCode() + ": " + e.getMessage(), clock.instant());
            return waitBehindCircuit(record, queued, e.reasonCode() + ": " + e.getMessage());
        }
        return retryOrGiveUp(record, queued, e);
    }

    private List<Outgoing> retryOrGiveUp(MessageRecord record, QueuedMessage queued, TransientChannelException e) {
        int attempts = attempts(queued) + 1;
        messages.recordError(record.id(), e.reasonCode() + ": " + e.getMessage(), clock.instant());
        health.recordError(record.tenantId(), record.channel(), e.getMessage());
        Optional<Duration> wait = retry.nextRetry(attempts, e.retryAfter());
        if (wait.isPresent()) {
            meters.counter(HubMeters.DISPATCH_RETRIED, "channel", record.channel()).increment();
            return List.of(later(record, queued, attempts, wait.get(), "retry after " + e.reasonCode()));
        }
        return giveUp(record, queued, attempts, new Reason(ReasonCodes.RETRIES_EXHAUSTED,
                e.reasonCode() + ": " + e.getMessage(), e.providerCode(), true));
    }

    /**
     * Behind an open circuit a message waits without spending attempts, but not for ever: past
     * {@code hub.retry.max-wait} since it was accepted it is dead-lettered like one whose retries ran out.
     */
    List<Outgoing> waitBehindCircuit(MessageRecord record, QueuedMessage queued, String why) {
        if (record.createdAt().plus(retry.maxWait()).isBefore(clock.instant())) {
            return giveUp(record, queued, attempts(queued), new Reason(ReasonCodes.RETRIES_EXHAUSTED,
                    "waited longer than " + retry.maxWait() + " behind an open circuit: " + why, null, true));
        }
        meters.counter(HubMeters.DISPATCH_DEFERRED, "reason", "circuit_open").increment();
        return List.of(later(record, queued, attempts(queued), retry.circuitOpenDelay(), "circuit open"));
    }

    private List<Outgoing> giveUp(MessageRecord record, QueuedMessage queued, int attempts, Reason reason) {
        List<Outgoing> out = new ArrayList<>();
        out.add(deadLetters.bury(queued, ReasonCodes.RETRIES_EXHAUSTED, reason.detail(), attempts,
                record.id()));
        out.addAll(events.transition(record, DeliveryStatus.FAILED, reason, null, clock.instant(), queued.messageId()));
        return thenWakeNext(record, out);
    }

    /**
     * A dispatch item naming no message: not a hub message id, or one erased (retention, a contact's erasure,
     * offboarding) before it was sent. Kept as a dead letter rather than dropped, so a wrong publisher shows.
     */
    List<Outgoing> unknown(QueuedMessage queued) {
        return List.of(deadLetters.bury(queued, ReasonCodes.INVALID_REQUEST, "no outbound message has this id: not a "
                + "hub message id, or the message was erased before it was sent", queued.deliveryCount(), null));
    }

    List<Outgoing> permanentFailure(MessageRecord record, QueuedMessage queued, ResolvedConnector connector,
                                    PermanentChannelException raw) {
        PermanentChannelException e = raw.redactedCopy(connector.config().secrets().redact(raw.getMessage()));
        List<Outgoing> out = new ArrayList<>();
        if (e.credentialsRejected()) {
            health.set(record.tenantId(), record.channel(), "unhealthy", e.getMessage()).ifPresent(out::add);
        }
        health.recordError(record.tenantId(), record.channel(), e.getMessage());
        if (ReasonCodes.OPTED_OUT.equals(e.reasonCode())) {
            consent.optOut(record.tenantId(), record.channel(), record.contactAddress(), ConsentStore.Source.PROVIDER,
                    "provider refused message " + record.id() + " (" + e.providerCode() + ")");
        }
        failed(record, queued, new Reason(e.reasonCode(), e.getMessage(), e.providerCode(), false)).forEach(out::add);
        return out;
    }

    List<Outgoing> failed(MessageRecord record, QueuedMessage queued, Reason reason) {
        return thenWakeNext(record, events.transition(record, DeliveryStatus.FAILED, reason, null, clock.instant(),
                queued.messageId()));
    }

    List<Outgoing> rejected(MessageRecord record, QueuedMessage queued, String code, String detail) {
        return thenWakeNext(record, events.transition(record, DeliveryStatus.REJECTED, Reason.of(code, detail), null,
                clock.instant(), queued.messageId()));
    }

    /**
     * Waits behind the earliest earlier message of its conversation that is still to be sent, which wakes it when
     * it ends ({@link #thenWakeNext}); meanwhile it looks again after a growing backstop. An earlier message that
     * dispatch has never seen although it was accepted over {@link #NEVER_QUEUED_GRACE} ago may never have been
     * queued (the hub died between recording it and queuing it): it is queued again here, where it holds a
     * conversation up. Should its first item still be on its way after all, dispatch sends it once and skips
     * the other.
     */
    List<Outgoing> waitBehindEarlier(MessageRecord record, QueuedMessage queued) {
        meters.counter(HubMeters.DISPATCH_DEFERRED, "reason", "earlier_in_conversation").increment();
        List<Outgoing> out = new ArrayList<>();
        messages.firstPending(record.conversationId()).filter(this::perhapsNeverQueued).ifPresent(earlier -> {
            messages.markEnqueued(earlier.id(), clock.instant());
            out.add(wake(earlier, "queued again: accepted " + earlier.createdAt() + " and never seen by dispatch"));
        });
        int waits = orderingWaits(queued) + 1;
        Map<String, Object> properties = new HashMap<>(queued.properties());
        properties.put(HUB_ORDERING_WAITS, waits);
        out.add(later(record, queued.body(), properties, attempts(queued), retry.orderingWait(waits),
                "an earlier message of the conversation"));
        return out;
    }

    private boolean perhapsNeverQueued(MessageRecord earlier) {
        return earlier.status() == DeliveryStatus.ACCEPTED && earlier.enqueuedAt() == null
                && earlier.intakeRef() == null && earlier.createdAt().isBefore(clock.instant().minus(NEVER_QUEUED_GRACE));
    }

    /**
     * A message that left {@code accepted} lets the next one of its conversation go: if that one is waiting
     * behind it, a dispatch item for it goes ahead of the queue now (a scheduled message due at once is put at
     * the head), instead of it finding out at its backstop.
     */
    private List<Outgoing> thenWakeNext(MessageRecord ended, List<Outgoing> outcome) {
        Optional<MessageRecord> next = messages.nextPending(ended.conversationId(), ended.seq())
                .filter(m -> m.enqueuedAt() != null);
        if (next.isEmpty()) {
            return outcome;
        }
        List<Outgoing> out = new ArrayList<>(outcome);
        out.add(wake(next.get(), "the message before it in the conversation ended"));
        return out;
    }

    private Outgoing wake(MessageRecord waiting, String why) {
        Map<String, Object> properties = new HashMap<>(Messages.routing(waiting.tenantId(), waiting.channel(),
                waiting.conversationId()));
        properties.put(Messages.HUB_MESSAGE_ID, waiting.id());
        properties.put(Messages.HUB_ATTEMPTS, 0);
        return new Outgoing.Reschedule(waiting.id(), properties, clock.instant(), why);
    }

    /** Tried again after {@code delay}, spending no attempt (order, quiet hours, a rate limit). */
    List<Outgoing> wait(MessageRecord record, QueuedMessage queued, Duration delay, String reason) {
        return List.of(later(record, queued, attempts(queued), delay, reason));
    }

    /**
     * Re-schedules the item. A message that waits is marked as queued first: from then on it holds back
     * later messages of its conversation however long it waits. (One that is sent at its first delivery
     * never needs the mark, which saves a write per submission.)
     */
    private Outgoing later(MessageRecord record, QueuedMessage queued, int attempts, Duration delay, String reason) {
        return later(record, queued.body(), new HashMap<>(queued.properties()), attempts, delay, reason);
    }

    private Outgoing later(MessageRecord record, Object body, Map<String, Object> properties, int attempts,
                           Duration delay, String reason) {
        if (record.enqueuedAt() == null) {
            messages.markEnqueued(record.id(), clock.instant());
        }
        properties.put(Messages.HUB_ATTEMPTS, attempts);
        return new Outgoing.Reschedule(body, properties, clock.instant().plus(delay), reason);
    }

    private static int orderingWaits(QueuedMessage queued) {
        Object value = queued.properties().get(HUB_ORDERING_WAITS);
        return value == null ? 0 : Integer.parseInt(value.toString());
    }

    private static int attempts(QueuedMessage queued) {
        Object value = queued.properties().get(Messages.HUB_ATTEMPTS);
        return value == null ? 0 : Integer.parseInt(value.toString());
    }
}
