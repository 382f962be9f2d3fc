package io.channelhub.app.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.FallbackAttempt;
import io.channelhub.core.model.FallbackCondition;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.Reason;
import io.channelhub.core.spi.ProviderCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a submission would do, channel by channel along its fallback chain, without doing it: the content each
 * channel would carry after the hub's degradation, the provider calls in outline, and the dispatch gate's verdict
 * for the contact now. It runs the same checks, gate and translation as a real send, and only reads: no record,
 * no event, no usage, no provider call (so no RBM capability lookup either: reachability shows only on sending).
 */
@Component
public class MessagePreview {
    private final SubmissionService submissions;
    private final ConnectorCatalog catalog;
    private final TenantConnectors connectors;
    private final DispatchGate gate;
    private final ProviderSend provider;

    MessagePreview(SubmissionService submissions, ConnectorCatalog catalog, TenantConnectors connectors,
                   DispatchGate gate, ProviderSend provider) {
        this.submissions = submissions;
        this.catalog = catalog;
        this.connectors = connectors;
        this.gate = gate;
        this.provider = provider;
    }

    /** The answer: one entry per channel, in the order they would be tried. */
    public record Preview(List<Attempt> attempts) {
    }

    /**
     * One channel's attempt.
     *
     * @param on            what moves the attempt before this one on to it (none for the first)
     * @param verdict       {@code send}, {@code rejected} (with {@code reason}) or {@code deferred} (until
     *                      {@code deferUntil}), as the gate would decide for this contact now
     * @param content       the content as this channel would carry it
     * @param providerCalls the connector's calls in outline, credentials left out
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(String channel, String to, Set<FallbackCondition> on, Duration within, String verdict,
                          Reason reason, Instant deferUntil, Content content, List<ProviderCall> providerCalls) {
    }

    public Preview preview(OutboundSubmission submission) {
        return new Preview(submissions.chain(submission).stream().map(this::attempt).toList());
    }

    private Attempt attempt(FallbackChain.Step step) {
        OutboundSubmission s = step.submission();
        FallbackAttempt trigger = step.attempt();
        MessageRecord record = submissions.prepare(s, null);
        DispatchGate.Decision decision = gate.check(record);
        CanonicalMessage message;
        ChannelRulesGate.Verdict verdict;
        ResolvedConnector connector;
        if (decision instanceof DispatchGate.Pass pass) {
            message = pass.message();
            verdict = pass.verdict();
            connector = pass.connector();
        } else { // it would not go now: what it would carry, and the calls once it may
            message = Messages.canonical(record.body());
            verdict = ChannelRulesGate.Verdict.send(ContentDegradation.degrade(s.content(),
                    catalog.find(s.channel()).orElseThrow().descriptor()), null);
            connector = connectors.resolve(s.tenantId(), s.channel()).orElse(null);
        }
        ProviderSend.Outline outline = connector == null ? new ProviderSend.Outline(List.of(), null)
                : provider.outline(record, message, verdict, connector);
        Reason reason = switch (decision) {
            case DispatchGate.Pass p -> outline.refusal();
            case DispatchGate.Reject r -> Reason.of(r.code(), r.detail());
            case DispatchGate.Expired e -> e.reason();
            case DispatchGate.Unusable u -> Reason.of(u.error().reasonCode(), u.error().getMessage());
            case DispatchGate.Defer d -> null;
        };
        String name = decision instanceof DispatchGate.Defer ? "deferred" : reason != null ? "rejected" : "send";
        Instant deferUntil = decision instanceof DispatchGate.Defer d ? d.until() : null;
        return new Attempt(s.channel(), s.to().address(), trigger == null ? null : trigger.on(),
                trigger == null ? null : trigger.within(), name, reason, deferUntil, verdict.content(),
                outline.calls());
    }
}
