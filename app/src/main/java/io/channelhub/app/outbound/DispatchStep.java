package io.channelhub.app.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.app.HubProperties;
import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.consent.UnsubscribeLinks;
import io.channelhub.app.flow.DeadLetters;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.registry.ActiveTenants;
import io.channelhub.app.registry.ConnectorHealth;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.CapabilityLookup.ContactCapabilities;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.SendResult;
import io.channelhub.routes.HubQueues;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The dispatch consumer: one accepted message → the provider. In order: skip what is already done,
 * keep the conversation's order, apply the channel rules, then the tenant's circuit breaker and rate
 * limit, then the connector's send. Retries are re-scheduled on the broker with exponential backoff
 * (honouring a provider's Retry-After) and carry their attempt count, so waiting behind an open
 * circuit, a rate limit or an earlier message of the conversation spends no attempt.
 */
@Component
class DispatchStep implements QueueStep {
    /**
     * How long an earlier message that was recorded but not (yet) queued keeps the conversation waiting:
     * far longer than a submission takes between the two, so only one whose submission failed stops counting.
     */
    static final Duration NEVER_QUEUED_GRACE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(DispatchStep.class);
    private final MessageRepository messages;
    private final ActiveTenants tenants;
    private final TenantConnectors connectors;
    private final ConnectorHealth health;
    private final ChannelRulesGate gate;
    private final TenantCircuitBreakers breakers;
    private final StatusEvents events;
    private final DeadLetters deadLetters;
    private final ConsentStore consent;
    private final UsageMeter usage;
    private final ReplyReferences replies;
    private final ContactReach reach;
    private final UnsubscribeLinks unsubscribeLinks;
    private final HubProperties hub;
    private final MeterRegistry meters;
    private final Clock clock;

    DispatchStep(ReplyReferences replies, ContactReach reach, UnsubscribeLinks unsubscribeLinks, MessageRepository messages,
                 ActiveTenants tenants, TenantConnectors connectors,
                 ConnectorHealth health, ChannelRulesGate gate, TenantCircuitBreakers breakers,
                 StatusEvents events, DeadLetters deadLetters, ConsentStore consent, UsageMeter usage,
                 HubProperties hub, MeterRegistry meters, Clock clock) {
        this.messages = messages;
        this.tenants = tenants;
        this.connectors = connectors;
        this.health = health;
        this.gate = gate;
        this.breakers = breakers;
        this.events = events;
        this.deadLetters = deadLetters;
        this.consent = consent;
        this.usage = usage;
        this.replies = replies;
        this.reach = reach;
        this.unsubscribeLinks = unsubscribeLinks;
        this.hub = hub;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        MessageRepository.ForDispatch found = messages.findForDispatch(queued.text(),
                clock.instant().minus(NEVER_QUEUED_GRACE)).orElse(null);
        if (found == null) {
            return List.of();
        }
        MessageRecord record = found.record();
        if (record.status() != DeliveryStatus.ACCEPTED) {
            // Decided already. If by an earlier delivery of this very item whose transaction rolled back
            // after the database update, its event was never published: publish it now.
            return events.republishOwn(record, queued.messageId()).stream().toList();
        }
        if (found.earlierPending()) {
            return List.of(later(record, queued, attempts(queued), hub.retry().orderingDelay()));
        }
        Tenant tenant = tenants.find(record.tenantId()).orElse(null);
        if (tenant == null) {
            return reject(record, queued, ReasonCodes.TENANT_OFFBOARDED, "the tenant is offboarded");
        }
        ResolvedConnector connector = connectors.resolve(record.tenantId(), record.channel()).orElse(null);
        if (connector == null || !connector.enabled()) {
            return reject(record, queued, ReasonCodes.CONNECTOR_DISABLED,
                    "the tenant's " + record.channel() + " connector is disabled or not configured");
        }
        CanonicalMessage message = read(record.body());
        if (message.expireAt() != null && clock.instant().isAfter(message.expireAt())) {
            // it waited (retries, an open circuit, quiet hours) past the time it mattered: never sent late
            return events.transition(record, DeliveryStatus.FAILED, new Reason(ReasonCodes.EXPIRED,
                    "not sent by its expireAt " + message.expireAt(), null, false), null, clock.instant(),
                    queued.messageId()).stream().toList();
        }
        Category category = Category.valueOf(record.category().toUpperCase(Locale.ROOT));
        ChannelRulesGate.Verdict verdict = gate.check(tenant, connector.connector().descriptor(),
                record.contactAddress(), message, category);
        if (verdict.rejection() != null) {
            return reject(record, queued, verdict.rejection().code(), verdict.rejection().detail());
        }
        if (verdict.deferUntil() != null) {
            return List.of(later(record, queued, attempts(queued),
                    Duration.between(clock.instant(), verdict.deferUntil())));
        }
        if (!connector.configurationProblems().isEmpty()) {
            return failPermanently(record, queued, connector, PermanentChannelException.credentials(null,
                    "the connector's configuration cannot work: " + String.join("; ", connector.configurationProblems())));
        }
        CircuitBreaker breaker = breakers.breaker(record.tenantId(), record.channel());
        if (!breaker.tryAcquirePermission()) {
            return waitBehindCircuit(record, queued, "the provider account's circuit is open");
        }
        RateLimiter limiter = breakers.limiter(record.tenantId(), record.channel(), connector.config().settings());
        if (!limiter.acquirePermission()) {
            breaker.releasePermission();
            meters.counter(HubMeters.DISPATCH_DEFERRED, "reason", "rate_limited").increment();
            return List.of(later(record, queued, attempts(queued), Duration.ofMillis(200)));
        }
        return send(record, message, verdict, connector, breaker, queued);
    }

    private List<Outgoing> send(MessageRecord record, CanonicalMessage message, ChannelRulesGate.Verdict verdict,
                                ResolvedConnector connector, CircuitBreaker breaker, QueuedMessage queued) {
        Category category = Category.valueOf(record.category().toUpperCase(Locale.ROOT));
        Optional<ReplyReferences.Reply> reply = replies.resolve(record.tenantId(), record.channel(), message.replyTo());
        String unsubscribeUrl = category == Category.MARKETING
                ? unsubscribeLinks.url(record.tenantId(), record.channel(), record.contactAddress()) : null;
        OutboundMessage out = new OutboundMessage(record.id(), record.tenantId(), record.channel(), message.from(),
                message.to(), record.conversationId(), verdict.content(), category,
                reply.map(ReplyReferences.Reply::providerMessageId).orElse(null),
                reply.map(ReplyReferences.Reply::headers).orElse(null), callbackUrl(record), unsubscribeUrl,
                message.metadata(), message.sentBy(), verdict.tag(), message.expireAt());
        long start = System.nanoTime();
        try {
            Optional<ContactCapabilities> capabilities = reach.of(connector, record.contactAddress());
            if (capabilities.filter(c -> !c.reachable()).isPresent()) {
                throw new PermanentChannelException(ReasonCodes.NOT_REACHABLE_ON_CHANNEL, null,
                        "the contact cannot be reached on " + record.channel());
            }
            // the device's features, where the provider told them, so the connector fits the content to it
            SendResult result = connector.connector().sender().send(
                    out.withDeviceFeatures(capabilities.map(ContactCapabilities::features).orElse(null)),
                    connector.config());
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            usage.count(record.tenantId(), record.channel(), "outbound", Math.max(1, result.billableUnits()));
            return events.transition(record, DeliveryStatus.SENT, null, result.providerMessageId(), clock.instant(),
                    queued.messageId()).stream().toList();
        } catch (TransientChannelException raw) {
            TransientChannelException e = raw.redactedCopy(connector.config().secrets().redact(raw.getMessage()));
            boolean probe = breaker.getState() != CircuitBreaker.State.CLOSED;
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            if (probe) {
                // A half-open circuit's probe failed: the provider account is still down, which is not this
                // message's fault. It waits behind the circuit again and spends no attempt.
                messages.recordError(record.id(), e.reasonCode() + ": " + e.getMessage(), clock.instant());
                return waitBehindCircuit(record, queued, e.reasonCode() + ": " + e.getMessage());
            }
            return retryOrGiveUp(record, queued, e);
        } catch (PermanentChannelException e) {
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return failPermanently(record, queued, connector, e);
        } catch (RuntimeException e) {
            // Not classified by the connector: a bug, or a library refusing an argument. Such messages quote
            // what they refused (java.net.http quotes a header value, token and all), so only the class and
            // the redacted message go on, and the hub's retry policy decides as for any transient failure.
            breaker.releasePermission();
            String detail = e.getClass().getName() + ": " + connector.config().secrets().redact(e.getMessage());
            LOG.warn("Send of message {} (tenant {}, channel {}) failed unexpectedly: {}", record.id(),
                    record.tenantId(), record.channel(), detail);
            return retryOrGiveUp(record, queued,
                    new TransientChannelException(ReasonCodes.INTERNAL_ERROR, null, detail, null, null));
        } catch (Error e) {
            breaker.releasePermission();
            throw e;
        }
    }

    private List<Outgoing> retryOrGiveUp(MessageRecord record, QueuedMessage queued, TransientChannelException e) {
        int attempts = attempts(queued) + 1;
        messages.recordError(record.id(), e.reasonCode() + ": " + e.getMessage(), clock.instant());
        health.recordError(record.tenantId(), record.channel(), e.getMessage());
        if (attempts < hub.retry().maxAttempts()) {
            Duration backoff = hub.retry().delayAfter(attempts);
            Duration wait = e.retryAfter().filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
            meters.counter(HubMeters.DISPATCH_RETRIED, "channel", record.channel()).increment();
            return List.of(later(record, queued, attempts, wait));
        }
        return giveUp(record, queued, attempts, new Reason(ReasonCodes.RETRIES_EXHAUSTED,
                e.reasonCode() + ": " + e.getMessage(), e.providerCode(), true));
    }

    /**
     * Behind an open circuit a message waits without spending attempts, but not for ever: past
     * {@code hub.retry.max-wait} since it was accepted it is dead-lettered like one whose retries ran out.
     */
    private List<Outgoing> waitBehindCircuit(MessageRecord record, QueuedMessage queued, String why) {
        if (record.createdAt().plus(hub.retry().maxWait()).isBefore(clock.instant())) {
            return giveUp(record, queued, attempts(queued), new Reason(ReasonCodes.RETRIES_EXHAUSTED,
                    "waited longer than " + hub.retry().maxWait() + " behind an open circuit: " + why, null, true));
        }
        meters.counter(HubMeters.DISPATCH_DEFERRED, "reason", "circuit_open").increment();
        return List.of(later(record, queued, attempts(queued), hub.retry().circuitOpenDelay()));
    }

    private List<Outgoing> giveUp(MessageRecord record, QueuedMessage queued, int attempts, Reason reason) {
        List<Outgoing> out = new ArrayList<>();
        out.add(deadLetters.bury(queued, HubQueues.DISPATCH, ReasonCodes.RETRIES_EXHAUSTED, reason.detail(), attempts,
                record.id()));
        events.transition(record, DeliveryStatus.FAILED, reason, null, clock.instant(), queued.messageId())
                .ifPresent(out::add);
        return out;
    }

    private List<Outgoing> failPermanently(MessageRecord record, QueuedMessage queued, ResolvedConnector connector,
                                           PermanentChannelException raw) {
        PermanentChannelException e = raw.redactedCopy(connector.config().secrets().redact(raw.getMessage()));
        List<Outgoing> out = new ArrayList<>();
        if (e.credentialsRejected()) {
            health.set(record.tenantId(), record.channel(), "unhealthy", e.getMessage()).ifPresent(out::add);
        }
        health.recordError(record.tenantId(), record.channel(), e.getMessage());
        if (ReasonCodes.OPTED_OUT.equals(e.reasonCode())) {
            consent.optOut(record.tenantId(), record.channel(), record.contactAddress(),
                    "provider refused message " + record.id() + " (" + e.providerCode() + ")");
        }
        Reason reason = new Reason(e.reasonCode(), e.getMessage(), e.providerCode(), false);
        events.transition(record, DeliveryStatus.FAILED, reason, null, clock.instant(), queued.messageId())
                .ifPresent(out::add);
        return out;
    }

    private List<Outgoing> reject(MessageRecord record, QueuedMessage queued, String code, String detail) {
        return events.transition(record, DeliveryStatus.REJECTED, Reason.of(code, detail), null, clock.instant(),
                queued.messageId()).stream().toList();
    }

    /**
     * Re-schedules the item. A message that waits is marked as queued first: from then on it holds back
     * later messages of its conversation however long it waits. (One that is sent at its first delivery
     * never needs the mark, which saves a write per submission.)
     */
    private Outgoing later(MessageRecord record, QueuedMessage queued, int attempts, Duration delay) {
        if (record.enqueuedAt() == null && record.intakeRef() == null) {
            messages.markEnqueued(record.id(), clock.instant());
        }
        Map<String, Object> properties = new HashMap<>(queued.properties());
        properties.keySet().removeIf(k -> k.startsWith("_AMQ") || k.startsWith("JMSX") && !k.equals("JMSXGroupID"));
        properties.put(Messages.HUB_ATTEMPTS, attempts);
        return Messages.later(HubQueues.DISPATCH, queued.body(), properties, clock.instant().plus(delay));
    }

    private static int attempts(QueuedMessage queued) {
        Object value = queued.properties().get(Messages.HUB_ATTEMPTS);
        return value == null ? 0 : Integer.parseInt(value.toString());
    }

    private String callbackUrl(MessageRecord record) {
        String base = hub.publicBaseUrl().replaceAll("/+$", "");
        return base.isEmpty() ? null
                : base + "/webhooks/" + record.channel() + "/" + record.tenantId() + "?" + Messages.HUB_MESSAGE_ID + "="
                + record.id();
    }

    private static CanonicalMessage read(String json) {
        try {
            return HubJson.mapper().readValue(json, CanonicalMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message is not canonical JSON", e);
        }
    }
}
