package io.channelhub.app.outbound;

import io.channelhub.app.flow.Messages;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.registry.ActiveTenants;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Dispatch, first step: may this message go now? The tenant and its connector must be active, the message not
 * past its {@code expireAt}, within the connector's monthly quota, the channel's rules (consent, service window,
 * quiet hours, tags) must let it out, and the connector's configuration must be usable. Reads and decides; changes nothing.
 */
@Component
class DispatchGate {
    private final ActiveTenants tenants;
    private final TenantConnectors connectors;
    private final ChannelRulesGate rules;
    private final UsageMeter usage;
    private final Clock clock;

    DispatchGate(ActiveTenants tenants, TenantConnectors connectors, ChannelRulesGate rules, UsageMeter usage,
                 Clock clock) {
        this.usage = usage;
        this.tenants = tenants;
        this.connectors = connectors;
        this.rules = rules;
        this.clock = clock;
    }

    /** What the gate decided. */
    sealed interface Decision {
    }

    /** It may go: what to send, through which connector. */
    record Pass(ResolvedConnector connector, CanonicalMessage message, ChannelRulesGate.Verdict verdict)
            implements Decision {
    }

    /** Refused before any provider call ({@code rejected}). */
    record Reject(String code, String detail) implements Decision {
    }

    /** It can never go ({@code failed}): it is past its time. */
    record Expired(Reason reason) implements Decision {
    }

    /** It can never go through this connector's configuration, which no call can work with. */
    record Unusable(ResolvedConnector connector, PermanentChannelException error) implements Decision {
    }

    /** Not now (quiet hours): try again at {@code until}, spending no attempt. */
    record Defer(Instant until) implements Decision {
    }

    Decision check(MessageRecord record) {
        Tenant tenant = tenants.find(record.tenantId()).orElse(null);
        if (tenant == null) {
            return new Reject(ReasonCodes.TENANT_OFFBOARDED, "the tenant is offboarded");
        }
        ResolvedConnector connector = connectors.resolve(record.tenantId(), record.channel()).orElse(null);
        if (connector == null || !connector.enabled()) {
            return new Reject(ReasonCodes.CONNECTOR_DISABLED,
                    "the tenant's " + record.channel() + " connector is disabled or not configured");
        }
        CanonicalMessage message = Messages.canonical(record.body());
        RestrictedContentPolicy policy = RestrictedContentPolicy.of(connector.config().settings(), record.channel());
        if (policy != RestrictedContentPolicy.OFF) {
            RestrictedContent.Scan scan = RestrictedContent.scan(message.content());
            if (!scan.found().isEmpty() && policy == RestrictedContentPolicy.REJECT) {
                return new Reject(ReasonCodes.RESTRICTED_CONTENT, "the message contains "
                        + scan.found().stream().map(RestrictedContent.Kind::code).toList()
                        + ", which this connector does not send");
            }
            message = message.withContent(scan.redacted(), message.attachments());
        }
        if (message.expireAt() != null && clock.instant().isAfter(message.expireAt())) {
            // it waited (retries, an open circuit, quiet hours) past the time it mattered: never sent late
            return new Expired(new Reason(ReasonCodes.EXPIRED, "not sent by its expireAt " + message.expireAt(),
                    null, false));
        }
        Category category = Category.valueOf(record.category().toUpperCase(Locale.ROOT));
        Optional<String> overQuota = usage.quotaRefusal(record.tenantId(), record.channel(),
                connector.config().settings(), category == Category.MARKETING);
        if (overQuota.isPresent()) {
            return new Reject(ReasonCodes.QUOTA_EXCEEDED, overQuota.get());
        }
        ChannelRulesGate.Verdict verdict = rules.check(tenant, connector.connector().descriptor(),
                record.contactAddress(), message, category);
        if (verdict.rejection() != null) {
            return new Reject(verdict.rejection().code(), verdict.rejection().detail());
        }
        if (verdict.deferUntil() != null) {
            return new Defer(verdict.deferUntil());
        }
        if (!connector.configurationProblems().isEmpty()) {
            return new Unusable(connector, PermanentChannelException.credentials(null,
                    "the connector's configuration cannot work: " + String.join("; ",
                            connector.configurationProblems())));
        }
        return new Pass(connector, message, verdict);
    }
}
