package io.channelhub.app.outbound;

import io.channelhub.app.HubProperties;
import io.channelhub.app.broker.BrokerGuard;
import io.channelhub.app.flow.MessageIds;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.app.persistence.GroupCommit;
import io.channelhub.app.persistence.IdempotencyRepository;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.registry.ActiveTenants;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.routes.port.Accepted;
import io.channelhub.routes.port.Outgoing;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Accepts outbound messages, from the API and from {@code hub.outbound} alike: validation against the
 * channel, Idempotency-Key (a repeat within 24 h answers the first id), the message record, and the
 * messages to publish: the dispatch item (grouped by conversation) and the {@code accepted} event.
 */
@Component
public class SubmissionService {
    private final ActiveTenants tenants;
    private final ConnectorCatalog catalog;
    private final MessageRepository messages;
    private final IdempotencyRepository idempotency;
    private final ContactRepository contacts;
    private final StatusEvents events;
    private final HubProperties hub;
    private final BrokerGuard broker;
    private final GroupCommit groupCommit;
    private final FallbackPlans plans;
    private final Clock clock;

    public SubmissionService(BrokerGuard broker, ActiveTenants tenants, ConnectorCatalog catalog, MessageRepository messages,
                             IdempotencyRepository idempotency, ContactRepository contacts, StatusEvents events,
                             HubProperties hub, GroupCommit groupCommit, FallbackPlans plans, Clock clock) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.messages = messages;
        this.idempotency = idempotency;
        this.contacts = contacts;
        this.events = events;
        this.hub = hub;
        this.broker = broker;
        this.groupCommit = groupCommit;
        this.plans = plans;
        this.clock = clock;
    }

    /**
     * One submission.
     *
     * @param idempotencyKey the caller's key, or null
     * @param intakeRef      the broker id for submissions by queue (a redelivery republishes), or null
     */
    public record Command(OutboundSubmission submission, String idempotencyKey, String intakeRef) {
    }

    /** What the API answers: {@code 202 {"id": …, "status": "accepted"}}. */
    public record Answer(String id, String status) {
    }

    /**
     * Validates, records and accepts a submission; what it returns must be published before the caller is
     * answered (SubmitFlow does that for the API).
     */
    public Accepted<Answer> submit(Command c) {
        broker.requireAvailable();
        List<FallbackChain.Step> steps = chain(c.submission());
        List<FallbackChain.Step> rest = steps.subList(1, steps.size());
        MessageRecord record = prepare(steps.get(0).submission(), c.intakeRef());
        // Key, record, accepted status and fallback chain in one commit, shared with other callers' (GroupCommit).
        // Only the statements run on the shared writer: the record is built before and the messages to publish after.
        Accepted<Answer> repeated = groupCommit.execute(() -> accept(record, c, rest));
        return repeated != null ? repeated : new Accepted<>(new Answer(record.id(), "accepted"),
                publish(record, c.intakeRef(), true, FallbackPlans.deadline(record, rest)),
                () -> groupCommit.execute(() -> messages.withdraw(record.id())));
    }

    /**
     * A message the hub itself sends (a keyword's confirmation), recorded {@code accepted} in the caller's
     * transaction; what it returns is published with the caller's commit, so both happen or neither.
     */
    public List<Outgoing> acceptInCallersTransaction(OutboundSubmission s, String intakeRef) {
        MessageRecord record = prepare(s, intakeRef);
        messages.insert(record);
        events.record(record, DeliveryStatus.ACCEPTED, null, null, intakeRef);
        return publish(record, intakeRef, true, null);
    }

    /**
     * The submission checked as it is accepted — tenant, channel, address, content, fallback — and read as the
     * chain of its attempts, the original first.
     */
    List<FallbackChain.Step> chain(OutboundSubmission s) {
        if (tenants.find(s.tenantId()).isEmpty()) {
            throw new SubmissionRejected(404, ReasonCodes.INVALID_REQUEST, "unknown tenant");
        }
        if (s.channel() == null) {
            throw new SubmissionRejected(400, ReasonCodes.INVALID_REQUEST, "'channel' is required");
        }
        ChannelDescriptor channel = catalog.find(s.channel()).map(x -> x.descriptor())
                .orElseThrow(() -> new SubmissionRejected(400, ReasonCodes.INVALID_REQUEST, "unknown channel"));
        Instant now = clock.instant();
        return plans.chain(OutboundValidator.validate(s, channel, now), catalog, now);
    }

    /** The record a submission would be stored as, in its contact's conversation; stores nothing. */
    MessageRecord prepare(OutboundSubmission s, String intakeRef) {
        return prepareAttempt(MessageIds.next(), s, intakeRef, null);
    }

    /**
     * The record of a fallback attempt: a message of its own, in its contact's conversation on the attempt's
     * channel, naming the message the platform submitted.
     */
    MessageRecord prepareAttempt(String id, OutboundSubmission s, String intakeRef, String fallbackOf) {
        String conversationId = contacts.find(s.tenantId(), s.channel(), s.to().address())
                .map(ContactRepository.Contact::conversationId)
                .orElseGet(() -> ConversationIds.derive(s.tenantId(), s.channel(), s.to().address()));
        return record(id, s, s.to().address(), conversationId, intakeRef, clock.instant(), fallbackOf);
    }

    /**
     * Records a fallback attempt accepted, in the caller's transaction, with the attempts that follow it; answers
     * the deadline of the next one, or null.
     */
    Instant recordAttempt(MessageRecord attempt, List<FallbackChain.Step> rest, String intakeRef) {
        messages.insert(attempt);
        events.record(attempt, DeliveryStatus.ACCEPTED, null, null, intakeRef);
        return plans.store(attempt, rest);
    }

    /** What an accepted fallback attempt publishes: its dispatch item, its event and its own timer. */
    List<Outgoing> publishAttempt(MessageRecord attempt, Instant deadline) {
        return publish(attempt, attempt.intakeRef(), true, deadline);
    }

    private static MessageRecord record(String id, OutboundSubmission s, String address, String conversationId,
                                        String intakeRef, Instant now, String fallbackOf) {
        CanonicalMessage message = new CanonicalMessage(id, s.tenantId(), s.channel(), Direction.OUTBOUND, s.from(),
                s.to(), conversationId, null, now, s.content(), s.replyTo(), s.metadata(), null, null,
                s.sentByOrDefault(), s.tag(), s.expireAt(), fallbackOf);
        return new MessageRecord(id, 0, s.tenantId(), s.channel(), Direction.OUTBOUND, conversationId, address, null,
                DeliveryStatus.ACCEPTED, s.categoryOrDefault().wireName(), Messages.json(message), intakeRef, 0, null,
                null, now, now);
    }

    /** Answers null when {@code record} was accepted now, or the answer to a repeated Idempotency-Key. */
    private Accepted<Answer> accept(MessageRecord record, Command c, List<FallbackChain.Step> rest) {
        if (c.idempotencyKey() != null) {
            Instant now = record.createdAt();
            Optional<String> first = idempotency.claim(record.tenantId(), c.idempotencyKey(), record.id(), now,
                    now.minus(hub.idempotencyTtl()));
            if (first.isPresent()) {
                return repeat(first.get(), c.intakeRef());
            }
        }
        messages.insert(record);
        events.record(record, DeliveryStatus.ACCEPTED, null, null, c.intakeRef());
        plans.store(record, rest);
        return null;
    }

    /**
     * A queued submission that cannot be accepted still gets an answer the platform can see: a
     * {@code rejected} event (with a record, so its status can be read).
     */
    public List<Outgoing> rejectQueued(OutboundSubmission s, String reasonCode, String detail, String intakeRef) {
        Instant now = clock.instant();
        String id = UUID.nameUUIDFromBytes(("rejected:" + intakeRef).getBytes()).toString();
        String address = s.to() != null && s.to().address() != null ? s.to().address() : "";
        MessageRecord record = record(id, s, address, ConversationIds.derive(s.tenantId(), s.channel(), address),
                intakeRef, now, null);
        return groupCommit.execute(() -> {
            messages.insert(record);
            MessageRecord stored = messages.find(id).orElse(record);
            return events.transition(stored, DeliveryStatus.REJECTED, Reason.of(reasonCode, detail), null, now,
                    intakeRef);
        });
    }

    private Accepted<Answer> repeat(String firstId, String intakeRef) {
        MessageRecord first = messages.find(firstId).orElseThrow(() -> new IllegalStateException(
                "idempotency key points at a missing message " + firstId));
        boolean ownRolledBackAttempt = intakeRef != null && intakeRef.equals(first.intakeRef());
        // Perhaps never queued (the first attempt failed after recording it): queue it again. Should the first
        // item be queued after all, dispatch sends the message once and skips the other item.
        boolean neverQueued = first.enqueuedAt() == null && first.intakeRef() == null
                && first.status() == DeliveryStatus.ACCEPTED;
        List<Outgoing> outgoing = ownRolledBackAttempt || neverQueued
                ? publish(first, intakeRef, false, plans.pendingDeadline(firstId)) : List.of();
        return new Accepted<>(new Answer(firstId, "accepted"), outgoing);
    }

    /**
     * The dispatch item, the {@code accepted} event and the timer of a fallback chain whose next attempt has a
     * deadline; {@code recorded}: its status is in the history already.
     */
    private List<Outgoing> publish(MessageRecord record, String intakeRef, boolean recorded, Instant deadline) {
        List<Outgoing> out = new ArrayList<>();
        Map<String, Object> properties = new HashMap<>(Messages.routing(record.tenantId(), record.channel(),
                record.conversationId()));
        properties.put(Messages.HUB_MESSAGE_ID, record.id());
        properties.put(Messages.HUB_ATTEMPTS, 0);
        out.add(new Outgoing.Deliver(record.id(), properties));
        if (recorded) {
            out.add(events.event(record, DeliveryStatus.ACCEPTED, null, null, record.createdAt()));
        } else {
            out.addAll(events.transition(record, DeliveryStatus.ACCEPTED, null, null, record.createdAt(), intakeRef));
        }
        FallbackPlans.timer(record, deadline).ifPresent(out::add);
        return out;
    }
}
