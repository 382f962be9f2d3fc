package io.channelhub.app.outbound;

import io.channelhub.app.HubProperties;
import io.channelhub.app.consent.UnsubscribeLinks;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.CapabilityLookup.ContactCapabilities;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.ProviderCall;
import io.channelhub.core.spi.SendResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Dispatch, third step: the provider call. Builds what the connector sends (reply references, the unsubscribe
 * link of marketing, the status callback, the device's features), makes the call, tells the breaker how it went,
 * and answers the classified result with every secret redacted from its text.
 */
@Component
class ProviderSend {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSend.class);
    private final ReplyReferences replies;
    private final ContactReach reach;
    private final UnsubscribeLinks unsubscribeLinks;
    private final HubProperties hub;
    private final MeterRegistry meters;

    ProviderSend(ReplyReferences replies, ContactReach reach, UnsubscribeLinks unsubscribeLinks, HubProperties hub,
                 MeterRegistry meters) {
        this.replies = replies;
        this.reach = reach;
        this.unsubscribeLinks = unsubscribeLinks;
        this.hub = hub;
        this.meters = meters;
    }

    /** How the call went. */
    sealed interface Result {
    }

    record Sent(SendResult result) implements Result {
    }

    /**
     * Worth trying again; {@code probeFailed} when it was a half-open circuit's probe, which says the provider
     * account is still down rather than anything about this message.
     */
    record Transient(TransientChannelException error, boolean probeFailed) implements Result {
    }

    record Permanent(PermanentChannelException error) implements Result {
    }

    /** Records the provider call's time ({@link HubMeters#PROVIDER_CALL}) and answers it, in nanoseconds. */
    private long timed(MessageRecord record, String outcome, long start) {
        long nanos = System.nanoTime() - start;
        meters.timer(HubMeters.PROVIDER_CALL, "channel", record.channel(), "outcome", outcome)
                .record(nanos, TimeUnit.NANOSECONDS);
        return nanos;
    }

    Result send(MessageRecord record, CanonicalMessage message, ChannelRulesGate.Verdict verdict,
                ResolvedConnector connector, CircuitBreaker breaker) {
        OutboundMessage out = outbound(record, message, verdict);
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
            breaker.onSuccess(timed(record, "sent", start), TimeUnit.NANOSECONDS);
            return new Sent(result);
        } catch (TransientChannelException raw) {
            TransientChannelException e = raw.redactedCopy(connector.config().secrets().redact(raw.getMessage()));
            boolean probe = breaker.getState() != CircuitBreaker.State.CLOSED;
            breaker.onError(timed(record, "transient", start), TimeUnit.NANOSECONDS, e);
            return new Transient(e, probe);
        } catch (PermanentChannelException raw) {
            breaker.onSuccess(timed(record, "permanent", start), TimeUnit.NANOSECONDS);
            return new Permanent(raw.redactedCopy(connector.config().secrets().redact(raw.getMessage())));
        } catch (RuntimeException e) {
            // Not classified by the connector: a bug, or a library refusing an argument. Such messages quote
            // what they refused (java.net.http quotes a header value, token and all), so only the class and
            // the redacted message go on, and the hub's retry policy decides as for any transient failure.
            breaker.releasePermission();
            timed(record, "error", start);
            String detail = e.getClass().getName() + ": " + connector.config().secrets().redact(e.getMessage());
            LOG.warn("Send of message {} (tenant {}, channel {}) failed unexpectedly: {}", record.id(),
                    record.tenantId(), record.channel(), detail);
            return new Transient(new TransientChannelException(ReasonCodes.INTERNAL_ERROR, null, detail, null, null),
                    false);
        } catch (Error e) {
            breaker.releasePermission();
            throw e;
        }
    }

    /**
     * The calls the connector would make for this message, built as {@link #send} builds them but without
     * calling (the preview); a translation the connector refuses answers its reason instead.
     */
    Outline outline(MessageRecord record, CanonicalMessage message, ChannelRulesGate.Verdict verdict,
                    ResolvedConnector connector) {
        try {
            return new Outline(connector.connector().sender().outline(outbound(record, message, verdict),
                    connector.config()), null);
        } catch (PermanentChannelException e) {
            return new Outline(List.of(), Reason.of(e.reasonCode(), connector.config().secrets().redact(e.getMessage())));
        } catch (RuntimeException e) {
            return new Outline(List.of(), Reason.of(ReasonCodes.INTERNAL_ERROR, "the connector could not outline the"
                    + " message: " + e.getClass().getSimpleName()));
        }
    }

    /** A connector's outline of its provider calls, or why it would refuse to make them. */
    record Outline(List<ProviderCall> calls, Reason refusal) {
    }

    private OutboundMessage outbound(MessageRecord record, CanonicalMessage message, ChannelRulesGate.Verdict verdict) {
        Category category = Category.valueOf(record.category().toUpperCase(Locale.ROOT));
        Optional<ReplyReferences.Reply> reply = replies.resolve(record.tenantId(), record.channel(), message.replyTo());
        String unsubscribeUrl = category == Category.MARKETING
                ? unsubscribeLinks.url(record.tenantId(), record.channel(), record.contactAddress()) : null;
        return new OutboundMessage(record.id(), record.tenantId(), record.channel(), message.from(),
                message.to(), record.conversationId(), verdict.content(), category,
                reply.map(ReplyReferences.Reply::providerMessageId).orElse(null),
                reply.map(ReplyReferences.Reply::headers).orElse(null), callbackUrl(record), unsubscribeUrl,
                message.metadata(), message.sentBy(), verdict.tag(), message.expireAt());
    }

    private String callbackUrl(MessageRecord record) {
        String base = hub.publicBaseUrl().replaceAll("/+$", "");
        return base.isEmpty() ? null
                : base + "/webhooks/" + record.channel() + "/" + record.tenantId() + "?" + Messages.HUB_MESSAGE_ID + "="
                + record.id();
    }
}
