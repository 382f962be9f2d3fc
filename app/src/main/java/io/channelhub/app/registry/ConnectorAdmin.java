package io.channelhub.app.registry;

import io.channelhub.app.audit.AuditTrail;
import io.channelhub.app.audit.Changes;
import io.channelhub.app.outbound.RestrictedContentPolicy;
import io.channelhub.app.outbound.SendRates;
import io.channelhub.app.outbound.TenantCircuitBreakers;
import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.app.usage.Quotas;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Ops' view of tenant connectors: validated saving (the contract's setting and secret names per
 * channel), write-only secrets, the credential check, and what the answers show (masked secrets,
 * health, circuit state, counters). Saving never depends on the provider: the check runs after the
 * save, bounded in time, and its outcome only sets the connector's health.
 */
@Component
public class ConnectorAdmin {
    /** Settings the hub itself reads for every channel. */
    public static final List<String> HUB_SETTING_KEYS = List.of(SendRates.RATE_SETTING,
            "optOutKeywords", "optInKeywords", RestrictedContentPolicy.SETTING, Quotas.QUOTA_SETTING,
            Quotas.POLICY_SETTING);
    static final Set<String> HUB_SETTINGS = Set.copyOf(HUB_SETTING_KEYS);
    private static final long CHECK_TIMEOUT_SECONDS = 5;
    private final ConnectorCatalog catalog;
    private final ConnectorRepository repository;
    private final TenantConnectors connectors;
    private final TenantCircuitBreakers breakers;
    private final ConnectorHealth health;
    private final UsageRepository usage;
    private final UsageMeter usageMeter;
    private final WebhookRegistrations registrations;
    private final AuditTrail audit;
    private final Clock clock;
    /** Spring's application executor: a check that outlives its wait finishes there and records its result. */
    private final Executor checks;

    public ConnectorAdmin(ConnectorCatalog catalog, ConnectorRepository repository, TenantConnectors connectors,
                          TenantCircuitBreakers breakers, ConnectorHealth health, UsageRepository usage,
                          UsageMeter usageMeter, WebhookRegistrations registrations,
                          @Qualifier("applicationTaskExecutor") Executor checks, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.catalog = catalog;
        this.repository = repository;
        this.connectors = connectors;
        this.breakers = breakers;
        this.health = health;
        this.usage = usage;
        this.usageMeter = usageMeter;
        this.registrations = registrations;
        this.checks = checks;
        this.clock = clock;
    }

    /** What ops see of a connector; secrets appear only as names with a mask. */
    public record ConnectorView(String channel, boolean enabled, Map<String, String> settings,
                                Map<String, String> secrets, String health, String healthDetail,
                                String circuitState, String lastError, Instant lastErrorAt, String webhookUrl,
                                List<Map<String, Object>> counters) {
    }

    public ConnectorView save(String tenantId, String channel, boolean enabled, Map<String, String> settings,
                              Map<String, String> secrets) {
        ChannelConnector connector = catalog.find(channel).orElseThrow(() -> new ConnectorRejected(404,
                "unknown channel; available: " + catalog.all().stream().map(c -> c.descriptor().id()).toList()));
        ChannelDescriptor d = connector.descriptor();
        requireKnownKeys("setting", settings.keySet(), d.settingKeys(), HUB_SETTINGS);
        settings.forEach((k, v) -> {
            if (v == null) { // would be stored, then break every later use of the connector (immutable maps)
                throw new ConnectorRejected(400, "setting '" + k + "' is null; leave it out instead");
            }
        });
        Quotas.settingsProblem(settings).ifPresent(problem -> {
            throw new ConnectorRejected(400, problem);
        });
        String restricted = settings.get(RestrictedContentPolicy.SETTING);
        if (restricted != null && !restricted.isBlank() && RestrictedContentPolicy.parse(restricted).isEmpty()) {
            throw new ConnectorRejected(400, "setting '" + RestrictedContentPolicy.SETTING
                    + "' must be reject, redact or off");
        }
        Optional<ConnectorRecord> before = repository.find(tenantId, channel);
        Map<String, String> secretsBefore = before.map(connectors::decryptSecrets).orElse(Map.of());
        Map<String, String> merged = new HashMap<>(secretsBefore);
        if (secrets != null) {
            requireKnownKeys("secret", secrets.keySet(), d.secretKeys(), Set.of());
            secrets.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
        }
        for (String required : d.requiredSettings()) {
            if (settings.get(required) == null || settings.get(required).isBlank()) {
                throw new ConnectorRejected(400, "setting '" + required + "' is required for " + channel);
            }
        }
        if (!d.requiredSecrets().isEmpty() && d.requiredSecrets().stream().noneMatch(merged.keySet()::containsAll)) {
            throw new ConnectorRejected(400, "secrets required for " + channel + ": one of " + d.requiredSecrets());
        }
        TenantConnector config = new TenantConnector(tenantId, channel, settings, Secrets.of(merged));
        List<String> problems = connector.configurationProblems(config);
        if (!problems.isEmpty()) {
            throw new ConnectorRejected(400, String.join("; ", problems));
        }
        String routingKey = d.routing().map(settings::get).orElse(null);
        requireOwnAccount(tenantId, channel, d, routingKey);
        try {
            repository.save(tenantId, channel, enabled, settings, connectors.encryptSecrets(tenantId, channel, merged),
                    routingKey, clock.instant());
        } catch (DuplicateKeyException e) { // another tenant saved the same account a moment ago
            requireOwnAccount(tenantId, channel, d, routingKey);
            throw e;
        }
        connectors.invalidate(tenantId, channel);
        audit.record(before.isEmpty() ? "connector.created" : "connector.updated", tenantId, channel, Changes.of()
                .values("settings", before.map(ConnectorRecord::settings).orElse(Map.of()), settings)
                .secretNames(secretsBefore, merged)
                .with("enabled", enabled).detail());
        check(connector, config);
        return view(repository.find(tenantId, channel).orElseThrow());
    }

    public List<ConnectorView> list(String tenantId) {
        usageMeter.flush();
        return repository.ofTenant(tenantId).stream().map(this::view).toList();
    }

    public ConnectorView setEnabled(String tenantId, String channel, boolean enabled) {
        if (!repository.setEnabled(tenantId, channel, enabled, clock.instant())) {
            throw new ConnectorRejected(404, "connector not configured");
        }
        audit.record(enabled ? "connector.enabled" : "connector.disabled", tenantId, channel, Map.of());
        connectors.invalidate(tenantId, channel);
        connectors.resolve(tenantId, channel).ifPresent(resolved -> {
            if (enabled) {
                record(resolved.config(), registrations.register(resolved, CredentialCheck.skipped(null)), false);
            } else {
                registrations.unregister(resolved);
            }
        });
        return view(repository.find(tenantId, channel).orElseThrow());
    }

    /**
     * Runs the credential check again on the stored configuration ("Test connection") and records the outcome as
     * the connector's health, as a save would, without changing anything else.
     */
    public ConnectorView recheck(String tenantId, String channel) {
        ChannelConnector connector = catalog.find(channel).orElseThrow(() -> new ConnectorRejected(404,
                "unknown channel"));
        ConnectorRecord record = repository.find(tenantId, channel).orElseThrow(() -> new ConnectorRejected(404,
                "connector not configured"));
        check(connector, new TenantConnector(tenantId, channel, record.settings(),
                Secrets.of(connectors.decryptSecrets(record))));
        return view(repository.find(tenantId, channel).orElseThrow());
    }

    private void check(ChannelConnector connector, TenantConnector config) {
        CompletableFuture<CredentialCheck> future = CompletableFuture.supplyAsync(() -> {
            try {
                return connector.checkCredentials(config);
            } catch (RuntimeException e) {
                return CredentialCheck.unreachable("the check failed: " + e.getClass().getSimpleName() + ": "
                        + config.secrets().redact(e.getMessage()));
            }
        }, checks);
        CredentialCheck result;
        try {
            result = future.get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.thenAccept(late -> record(config, late, true));
            result = CredentialCheck.unreachable("the provider did not answer within " + CHECK_TIMEOUT_SECONDS + " s");
        } catch (Exception e) {
            result = CredentialCheck.unreachable("the check was interrupted");
        }
        CredentialCheck checked = result;
        connectors.resolve(config.tenantId(), config.channel()).ifPresentOrElse(
                resolved -> record(config, registrations.register(resolved, checked), true),
                () -> record(config, checked, true));
    }

    /** @param skippedMeansUnknown false where a skipped check must leave the health as it was (an enable) */
    private void record(TenantConnector config, CredentialCheck result, boolean skippedMeansUnknown) {
        if (result.outcome() == CredentialCheck.Outcome.SKIPPED && !skippedMeansUnknown) {
            return;
        }
        String outcome = switch (result.outcome()) {
            case OK -> "ok";
            case REJECTED -> "unhealthy";
            case UNREACHABLE -> "unreachable";
            case SKIPPED -> "unknown";
        };
        health.setAndPublish(config.tenantId(), config.channel(), outcome, config.secrets().redact(result.detail()));
    }

    private ConnectorView view(ConnectorRecord r) {
        Map<String, String> masked = new TreeMap<>();
        connectors.decryptSecrets(r).keySet().forEach(k -> masked.put(k, "***"));
        boolean webhooks = catalog.find(r.channel()).flatMap(ChannelConnector::webhooks).isPresent();
        String webhookUrl = webhooks ? registrations.url(r.tenantId(), r.channel()) : null;
        List<Map<String, Object>> counters = usage.ofTenant(r.tenantId()).stream()
                .filter(row -> r.channel().equals(row.get("channel")))
                .map(row -> (Map<String, Object>) new LinkedHashMap<>(row)).toList();
        return new ConnectorView(r.channel(), r.enabled(), new TreeMap<>(r.settings()), masked, r.health(),
                r.healthDetail(), breakers.state(r.tenantId(), r.channel()), r.lastError(), r.lastErrorAt(),
                webhookUrl, counters);
    }

    /** The platform-wide webhook URL routes by the account: two tenants owning one would see each other's traffic. */
    private void requireOwnAccount(String tenantId, String channel, ChannelDescriptor d, String routingKey) {
        if (routingKey == null) {
            return;
        }
        repository.byRoutingKey(channel, routingKey).stream().filter(r -> !r.tenantId().equals(tenantId)).findFirst()
                .ifPresent(owner -> {
                    throw new ConnectorRejected(409, "setting '" + d.routingSetting() + "' " + routingKey
                            + " is already the " + channel + " account of tenant " + owner.tenantId()
                            + "; an account belongs to one tenant");
                });
    }

    private static void requireKnownKeys(String kind, Set<String> given, List<String> allowed, Set<String> extra) {
        for (String key : given) {
            if (!allowed.contains(key) && !extra.contains(key)) {
                throw new ConnectorRejected(400, "unknown " + kind + " '" + key + "'; allowed: " + allowed
                        + (extra.isEmpty() ? "" : " and " + extra));
            }
        }
    }

    /** A connector configuration the hub refuses. */
    public static class ConnectorRejected extends RuntimeException {
        private final int status;

        public ConnectorRejected(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
