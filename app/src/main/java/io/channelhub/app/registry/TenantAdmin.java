package io.channelhub.app.registry;

import io.channelhub.app.audit.AuditTrail;
import io.channelhub.app.audit.Changes;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Ops' changes to tenants, shared by the admin API and the console: the validated upsert and offboarding
 * (webhooks unregistered and connectors disabled at once, the data erased after {@link #OFFBOARDING_GRACE}).
 */
@Component
public class TenantAdmin {
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    public static final Duration OFFBOARDING_GRACE = Duration.ofDays(30);
    public static final int DEFAULT_RETENTION_DAYS = 548; // 18 months
    private static final Pattern QUIET_HOURS = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");
    private final TenantRepository tenants;
    private final ConnectorRepository connectors;
    private final TenantConnectors cache;
    private final ActiveTenants activeTenants;
    private final WebhookRegistrations registrations;
    private final AuditTrail audit;
    private final Clock clock;

    public TenantAdmin(TenantRepository tenants, ConnectorRepository connectors, TenantConnectors cache,
                       ActiveTenants activeTenants, WebhookRegistrations registrations, AuditTrail audit,
                       Clock clock) {
        this.audit = audit;
        this.tenants = tenants;
        this.connectors = connectors;
        this.cache = cache;
        this.activeTenants = activeTenants;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** The tenant as stored, and whether this call created it. */
    public record Saved(Tenant tenant, boolean created) {
    }

    /**
     * Creates or updates a tenant (an offboarding tenant becomes active again).
     *
     * @param retentionDays null for the default of 18 months
     * @param timezone      null for UTC
     * @param quietHours    {@code HH:mm-HH:mm}, or null for none
     * @throws TenantRejected naming the field that is wrong
     */
    public Saved upsert(String tenantId, String name, Integer retentionDays, String timezone, String quietHours) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw new TenantRejected("tenant id must match [a-z0-9][a-z0-9-]{1,62}");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new TenantRejected("'name' is required (at most 200 characters)");
        }
        int retention = retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
        if (retention < 1 || retention > 3650) {
            throw new TenantRejected("'retentionDays' must be between 1 and 3650");
        }
        String zone = timezone == null ? "UTC" : timezone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new TenantRejected("'timezone' is not a time zone id");
        }
        if (quietHours != null && !QUIET_HOURS.matcher(quietHours).matches()) {
            throw new TenantRejected("'quietHours' must look like 21:00-08:00");
        }
        Instant now = clock.instant();
        Map<String, Object> before = tenants.find(tenantId).map(TenantAdmin::audited).orElse(Map.of());
        boolean created = tenants.upsert(new Tenant(tenantId, name.strip(), "active", retention, zone, quietHours,
                now, now, null));
        activeTenants.invalidate(tenantId);
        Tenant saved = tenants.find(tenantId).orElseThrow();
        audit.record(created ? "tenant.created" : "tenant.updated", tenantId, null,
                Changes.of().values("fields", before, audited(saved)).detail());
        return new Saved(saved, created);
    }

    /** When the data of a tenant offboarded now would be erased. */
    public Instant eraseAfterIfOffboardedNow() {
        return clock.instant().plus(OFFBOARDING_GRACE);
    }

    /**
     * Offboards a tenant: its webhooks are unregistered and its connectors disabled at once, its data erased
     * after the grace period. Empty for an unknown tenant.
     */
    public Optional<Tenant> offboard(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        registrations.unregisterAll(tenantId);
        connectors.disableAll(tenantId, now);
        tenants.markOffboarding(tenantId, now.plus(OFFBOARDING_GRACE), now);
        audit.record("tenant.offboarded", tenantId, null, Map.of("eraseAfter", now.plus(OFFBOARDING_GRACE).toString()));
        cache.invalidateTenant(tenantId);
        activeTenants.invalidate(tenantId);
        return tenants.find(tenantId);
    }

    /** What of a tenant ops set, as the audit trail compares it. */
    private static Map<String, Object> audited(Tenant t) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", t.name());
        fields.put("status", t.status());
        fields.put("retentionDays", t.retentionDays());
        fields.put("timezone", t.timezone());
        fields.put("quietHours", t.quietHours());
        return fields;
    }

    /** Tenant data the hub refuses; the message names the field. */
    public static class TenantRejected extends RuntimeException {
        public TenantRejected(String detail) {
            super(detail, null, false, false);
        }
    }
}
