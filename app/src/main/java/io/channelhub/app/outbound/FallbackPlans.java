package io.channelhub.app.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.persistence.FallbackRepository;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.model.FallbackCondition;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.routes.port.Outgoing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps what follows a message in its fallback chain, and its timer: the {@code not_delivered_within} deadline
 * of the next attempt counts from the moment the hub accepted the message, and is kept by the broker as a
 * scheduled check ({@link Outgoing.CheckFallback}), so it fires after a crash as well.
 */
@Component
class FallbackPlans {
    private static final TypeReference<List<FallbackChain.Step>> STEPS = new TypeReference<>() {
    };
    private final FallbackRepository fallbacks;
    private final FallbackDefaults defaults;

    FallbackPlans(FallbackRepository fallbacks, FallbackDefaults defaults) {
        this.fallbacks = fallbacks;
        this.defaults = defaults;
    }

    /** The submission's chain, or its tenant's default for its channel when it brings none, checked. */
    List<FallbackChain.Step> chain(OutboundSubmission s, ConnectorCatalog catalog, Instant now) {
        return FallbackChain.of(defaults.apply(s), catalog, now);
    }

    /**
     * Keeps {@code rest}, the attempts that follow the message, in the caller's transaction; answers the next
     * attempt's deadline, or null when it has none (or there is no next attempt).
     */
    Instant store(MessageRecord record, List<FallbackChain.Step> rest) {
        if (rest.isEmpty()) {
            return null;
        }
        Instant deadline = deadline(record, rest);
        try {
            fallbacks.insert(record.id(), record.tenantId(), HubJson.mapper().writeValueAsString(rest), deadline,
                    record.createdAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fallback chain that cannot be written as JSON", e);
        }
        return deadline;
    }

    /** The attempts that follow the message, as stored. */
    List<FallbackChain.Step> read(FallbackRepository.Plan plan) {
        try {
            return HubJson.mapper().readValue(plan.chain(), STEPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an unreadable fallback chain for message " + plan.messageId(), e);
        }
    }

    /** The scheduled check of a message whose next attempt has a deadline. */
    static Optional<Outgoing> timer(MessageRecord record, Instant deadline) {
        return Optional.ofNullable(deadline).map(at -> StatusEvents.checkFallback(record, at));
    }

    /** When the next attempt is due if the message is not delivered by then; null when none is timed. */
    static Instant deadline(MessageRecord record, List<FallbackChain.Step> rest) {
        if (rest.isEmpty() || !rest.getFirst().attempt().on().contains(FallbackCondition.NOT_DELIVERED_WITHIN)) {
            return null;
        }
        return record.createdAt().plus(rest.getFirst().attempt().within());
    }

    /** The deadline of a message's next attempt, while that is still pending. */
    Instant pendingDeadline(String messageId) {
        return fallbacks.find(messageId).filter(p -> p.state() == FallbackRepository.State.PENDING)
                .map(FallbackRepository.Plan::deadline).orElse(null);
    }
}
