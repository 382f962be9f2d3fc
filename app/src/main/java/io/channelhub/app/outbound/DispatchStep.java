package io.channelhub.app.outbound;

import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The dispatch consumer: one accepted message → the provider, in four steps of one job each — the
 * {@link DispatchGate gate} (tenant, connector, expiry, channel rules), the {@link DispatchThrottle throttle}
 * (circuit breaker, send rate), the {@link ProviderSend provider call}, and the {@link DispatchOutcomes outcome}
 * (status, retry, wait, dead letter). Before them: skip what is already decided, and keep the conversation's
 * order. Waiting behind an open circuit, a rate limit, quiet hours or an earlier message spends no attempt.
 */
@Component
class DispatchStep implements QueueStep {
    private final MessageRepository messages;
    private final StatusEvents events;
    private final DispatchGate gate;
    private final DispatchThrottle throttle;
    private final ProviderSend provider;
    private final DispatchOutcomes outcomes;
    private final RetryPolicy retry;
    private final Clock clock;

    DispatchStep(MessageRepository messages, StatusEvents events, DispatchGate gate, DispatchThrottle throttle,
                 ProviderSend provider, DispatchOutcomes outcomes, RetryPolicy retry, Clock clock) {
        this.messages = messages;
        this.events = events;
        this.gate = gate;
        this.throttle = throttle;
        this.provider = provider;
        this.outcomes = outcomes;
        this.retry = retry;
        this.clock = clock;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        MessageRepository.ForDispatch found = messages.findForDispatch(queued.text()).orElse(null);
        if (found == null) {
            return outcomes.unknown(queued);
        }
        MessageRecord record = found.record();
        if (record.status() != DeliveryStatus.ACCEPTED) {
            // Decided already. If by an earlier delivery of this very item whose transaction rolled back
            // after the database update, its event was never published: publish it now.
            return events.republishOwn(record, queued.messageId());
        }
        if (found.earlierPending()) {
            return outcomes.waitBehindEarlier(record, queued);
        }
        DispatchGate.Decision decision = gate.check(record);
        if (decision instanceof DispatchGate.Reject r) {
            return outcomes.rejected(record, queued, r.code(), r.detail());
        }
        if (decision instanceof DispatchGate.Defer d) {
            return outcomes.wait(record, queued, Duration.between(clock.instant(), d.until()), "quiet hours");
        }
        if (decision instanceof DispatchGate.Expired e) {
            return outcomes.failed(record, queued, e.reason());
        }
        if (decision instanceof DispatchGate.Unusable u) {
            return outcomes.permanentFailure(record, queued, u.connector(), u.error());
        }
        return throttledSend(record, queued, (DispatchGate.Pass) decision);
    }

    private List<Outgoing> throttledSend(MessageRecord record, QueuedMessage queued, DispatchGate.Pass pass) {
        DispatchThrottle.Permit permit = throttle.acquire(pass.connector());
        if (permit.hold() == DispatchThrottle.Hold.CIRCUIT_OPEN) {
            return outcomes.waitBehindCircuit(record, queued, "the provider account's circuit is open");
        }
        if (permit.hold() == DispatchThrottle.Hold.RATE_LIMITED) {
            return outcomes.wait(record, queued, retry.rateLimitedDelay(), "rate limited");
        }
        CircuitBreaker breaker = permit.breaker();
        ProviderSend.Result result = provider.send(record, pass.message(), pass.verdict(), pass.connector(), breaker);
        if (result instanceof ProviderSend.Sent s) {
            return outcomes.sent(record, queued, s.result());
        }
        if (result instanceof ProviderSend.Transient t) {
            return outcomes.transientFailure(record, queued, t.error(), t.probeFailed());
        }
        return outcomes.permanentFailure(record, queued, pass.connector(), ((ProviderSend.Permanent) result).error());
    }
}
