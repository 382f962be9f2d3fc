package io.channelhub.app.outbound;

import io.channelhub.app.flow.Messages;
import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.persistence.FallbackRepository;
import io.channelhub.app.persistence.GroupCommit;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.StatusEntry;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.FallbackCondition;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MessageRevoker;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The fallback consumer: whether a message with a fallback chain moves on to its next attempt, and the attempt as
 * a hub message of its own, which dispatch then gates (consent, window, quiet hours) and sends like any other.
 * A message moves on when it ended in a way the attempt's {@code on} lists, or when the attempt's
 * {@code not_delivered_within} deadline passed without {@code delivered} or {@code read}. At the deadline it is
 * taken back first: stopped by the hub when not sent yet, revoked by the provider where its channel can (RBM); a
 * revocation the provider refuses because the message was delivered cancels the chain.
 *
 * <p>Exactly one attempt per message: the attempt's id is derived from the message's, and only the check that
 * claims the chain ({@link FallbackRepository#claim}) makes it, in the same commit, however many checks race or
 * come again after a crash.
 */
@Component
class FallbackStep implements QueueStep {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackStep.class);
    /** A revocation the provider could not answer is asked again this much later, at most {@link #REVOCATION_TRIES}. */
    static final Duration REVOCATION_RETRY = Duration.ofSeconds(30);
    static final int REVOCATION_TRIES = 10;
    private final FallbackRepository fallbacks;
    private final FallbackPlans plans;
    private final MessageRepository messages;
    private final StatusEvents events;
    private final MessageRevocation revocation;
    private final SubmissionService submissions;
    private final GroupCommit groupCommit;
    private final Clock clock;

    FallbackStep(FallbackRepository fallbacks, FallbackPlans plans, MessageRepository messages, StatusEvents events,
                 MessageRevocation revocation, SubmissionService submissions, GroupCommit groupCommit, Clock clock) {
        this.fallbacks = fallbacks;
        this.plans = plans;
        this.messages = messages;
        this.events = events;
        this.revocation = revocation;
        this.submissions = submissions;
        this.groupCommit = groupCommit;
        this.clock = clock;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        FallbackRepository.Plan plan = fallbacks.find(queued.text()).orElse(null);
        MessageRecord message = plan == null ? null : messages.find(plan.messageId()).orElse(null);
        if (message == null) {
            return List.of(); // erased with its message: retention, a contact's erasure, offboarding
        }
        if (plan.state() == FallbackRepository.State.ATTEMPTED) {
            return publishedAgain(message, plan, queued);
        }
        if (plan.state() != FallbackRepository.State.PENDING) {
            return List.of();
        }
        List<FallbackChain.Step> rest = plans.read(plan);
        return switch (message.status()) {
            case DELIVERED, READ -> close(message, FallbackRepository.State.CANCELLED);
            case FAILED, REJECTED -> afterItEnded(message, plan, rest, due(plan, queued), queued);
            default -> due(plan, queued) ? takeBackAndMoveOn(message, rest, queued) : List.of();
        };
    }

    /** Due when its deadline has passed, by the hub's clock or by the broker's, which scheduled the check. */
    private boolean due(FallbackRepository.Plan plan, QueuedMessage queued) {
        if (plan.deadline() == null) {
            return false;
        }
        String checkAt = queued.property(Messages.HUB_CHECK_AT);
        return !clock.instant().isBefore(plan.deadline())
                || checkAt != null && Long.parseLong(checkAt) >= plan.deadline().toEpochMilli();
    }

    private List<Outgoing> afterItEnded(MessageRecord message, FallbackRepository.Plan plan,
                                        List<FallbackChain.Step> rest, boolean due, QueuedMessage queued) {
        Optional<FallbackCondition> met = FallbackCondition.endedBy(message.status(), reasonCode(message));
        if (met.isEmpty()) {
            return close(message, FallbackRepository.State.CANCELLED); // taken back by the platform
        }
        if (rest.getFirst().attempt().on().contains(met.get()) || due) {
            return moveOn(message, rest, false, queued);
        }
        // Ended in a way this attempt is not for: only its deadline, if it has one, can still move the message on.
        return plan.deadline() != null ? List.of() : close(message, FallbackRepository.State.ENDED);
    }

    private List<Outgoing> takeBackAndMoveOn(MessageRecord message, List<FallbackChain.Step> rest,
                                             QueuedMessage queued) {
        if (message.status() != DeliveryStatus.SENT) {
            return moveOn(message, rest, true, queued); // not sent yet: the hub stops it, on any channel
        }
        Optional<MessageRevoker.Outcome> outcome;
        try {
            outcome = revocation.revokeSent(message);
        } catch (TransientChannelException e) {
            int tries = tries(queued) + 1;
            if (tries < REVOCATION_TRIES) {
                Map<String, Object> properties = new HashMap<>(queued.properties());
                properties.put(Messages.HUB_ATTEMPTS, tries);
                return List.of(new Outgoing.Reschedule(queued.body(), properties,
                        clock.instant().plus(REVOCATION_RETRY), "revocation before fallback: " + e.reasonCode()));
            }
            return cancelAfterFailedRevocation(message, e.reasonCode());
        } catch (PermanentChannelException e) {
            return cancelAfterFailedRevocation(message, e.reasonCode());
        }
        if (outcome.isPresent() && outcome.get() == MessageRevoker.Outcome.ALREADY_DELIVERED) {
            return groupCommit.execute(() -> {
                fallbacks.close(message.id(), FallbackRepository.State.CANCELLED, clock.instant());
                return events.transition(message, DeliveryStatus.DELIVERED, null, null, clock.instant(),
                        queued.messageId());
            });
        }
        return moveOn(message, rest, outcome.isPresent(), queued);
    }

    /** Without the first message taken back, the contact could get both: the chain stops there. */
    private List<Outgoing> cancelAfterFailedRevocation(MessageRecord message, String reasonCode) {
        LOG.warn("Fallback of message {} cancelled: the provider did not take the message back ({})", message.id(),
                reasonCode);
        return close(message, FallbackRepository.State.CANCELLED);
    }

    private record Made(List<Outgoing> takenBack, Instant deadline) {
    }

    /**
     * Makes the next attempt, in one commit with the claim of the chain, the first message's end when it is
     * taken back, and the history entries that name one another.
     */
    private List<Outgoing> moveOn(MessageRecord message, List<FallbackChain.Step> rest, boolean takeBack,
                                  QueuedMessage queued) {
        FallbackChain.Step next = rest.getFirst();
        String attemptId = attemptId(message.id());
        MessageRecord attempt = submissions.prepareAttempt(attemptId, next.submission(), queued.messageId(),
                rootOf(message));
        Made made = groupCommit.execute(() -> {
            Instant now = clock.instant();
            if (!fallbacks.claim(message.id(), attemptId, now)) {
                return null; // another check made it
            }
            List<Outgoing> takenBack = List.of();
            DeliveryStatus named = message.status();
            if (takeBack) {
                takenBack = events.transition(message, DeliveryStatus.FAILED, new Reason(ReasonCodes.REVOKED,
                        "not delivered within " + next.attempt().within() + ": taken back before its fallback on "
                                + next.attempt().channel(), null, false), null, now, queued.messageId());
                named = DeliveryStatus.FAILED;
            }
            Instant deadline = submissions.recordAttempt(attempt, rest.subList(1, rest.size()), queued.messageId());
            messages.nameFallbackOf(attemptId, message.id());
            messages.nameFallbackAttempt(message.id(), message.round(), named, attemptId);
            return new Made(takenBack, deadline);
        });
        if (made == null) {
            return List.of();
        }
        List<Outgoing> out = new ArrayList<>(made.takenBack());
        out.addAll(submissions.publishAttempt(attempt, made.deadline()));
        return out;
    }

    /**
     * The chain moved on already. If this very check made the attempt and its commit held but what it published
     * was rolled back (a crash in between), it publishes that again; the attempt itself is not made twice.
     */
    private List<Outgoing> publishedAgain(MessageRecord message, FallbackRepository.Plan plan, QueuedMessage queued) {
        MessageRecord attempt = messages.find(plan.attemptId()).orElse(null);
        if (attempt == null || !queued.messageId().equals(attempt.intakeRef())
                || attempt.status() != DeliveryStatus.ACCEPTED) {
            return List.of();
        }
        List<Outgoing> out = new ArrayList<>(events.republishOwn(message, queued.messageId()));
        out.addAll(submissions.publishAttempt(attempt, plans.pendingDeadline(attempt.id())));
        return out;
    }

    private List<Outgoing> close(MessageRecord message, FallbackRepository.State state) {
        fallbacks.close(message.id(), state, clock.instant());
        return List.of();
    }

    private String reasonCode(MessageRecord message) {
        return messages.history(message.id()).stream().filter(e -> e.status() == message.status())
                .reduce((first, second) -> second).map(StatusEntry::reasonCode).orElse(null);
    }

    /** The message the platform submitted: the chain's first. */
    private static String rootOf(MessageRecord message) {
        String root = Messages.canonical(message.body()).fallbackOf();
        return root != null ? root : message.id();
    }

    /** The one id the attempt after {@code messageId} can have. */
    static String attemptId(String messageId) {
        return UUID.nameUUIDFromBytes(("fallback:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static int tries(QueuedMessage queued) {
        String value = queued.property(Messages.HUB_ATTEMPTS);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
