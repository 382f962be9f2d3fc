package io.channelhub.app.api;

import io.channelhub.app.flow.ContactErasure;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.app.registry.ActiveTenants;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.app.registry.WebhookRegistrations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ops: tenants. */
@RestController
@Tag(name = "ops: tenants", description = "Bearer token with role ops")
class TenantAdminController {
    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern QUIET_HOURS = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");
    private static final Duration OFFBOARDING_GRACE = Duration.ofDays(30);
    private static final int DEFAULT_RETENTION_DAYS = 548; // 18 months
    private final TenantRepository tenants;
    private final ConnectorRepository connectors;
    private final TenantConnectors cache;
    private final UsageRepository usage;
    private final ActiveTenants activeTenants;
    private final ContactErasure erasure;
    private final UsageMeter usageMeter;
    private final WebhookRegistrations registrations;
    private final Clock clock;

    TenantAdminController(TenantRepository tenants, ConnectorRepository connectors, TenantConnectors cache,
                          UsageRepository usage, ActiveTenants activeTenants, ContactErasure erasure,
                          UsageMeter usageMeter, WebhookRegistrations registrations, Clock clock) {
        this.tenants = tenants;
        this.connectors = connectors;
        this.cache = cache;
        this.usage = usage;
        this.activeTenants = activeTenants;
        this.erasure = erasure;
        this.usageMeter = usageMeter;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** Body of PUT: only {@code name} is required. */
    record TenantRequest(String name, Integer retentionDays, String timezone, String quietHours) {
    }

    @Operation(summary = "Create or update a tenant")
    @PutMapping("/admin/v1/tenants/{tenantId}")
    ResponseEntity<Tenant> put(@PathVariable String tenantId, @RequestBody TenantRequest body) {
        if (!TENANT_ID.matcher(tenantId).matches()) {
            throw ApiProblem.badRequest("tenant id must match [a-z0-9][a-z0-9-]{1,62}");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw ApiProblem.badRequest("'name' is required (at most 200 characters)");
        }
        int retention = body.retentionDays() == null ? DEFAULT_RETENTION_DAYS : body.retentionDays();
        if (retention < 1 || retention > 3650) {
            throw ApiProblem.badRequest("'retentionDays' must be between 1 and 3650");
        }
        String zone = body.timezone() == null ? "UTC" : body.timezone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("'timezone' is not a time zone id");
        }
        if (body.quietHours() != null && !QUIET_HOURS.matcher(body.quietHours()).matches()) {
            throw ApiProblem.badRequest("'quietHours' must look like 21:00-08:00");
        }
        Instant now = clock.instant();
        boolean created = tenants.upsert(new Tenant(tenantId, body.name().strip(), "active", retention, zone,
                body.quietHours(), now, now, null));
        activeTenants.invalidate(tenantId);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(tenants.find(tenantId)
                .orElseThrow());
    }

    @Operation(summary = "All tenants")
    @GetMapping("/admin/v1/tenants")
    List<Tenant> list() {
        return tenants.all();
    }

    @Operation(summary = "Offboard a tenant: connectors disabled at once, data erased after the grace period")
    @DeleteMapping("/admin/v1/tenants/{tenantId}")
    ResponseEntity<Tenant> delete(@PathVariable String tenantId) {
        tenants.find(tenantId).orElseThrow(() -> ApiProblem.notFound("unknown tenant"));
        Instant now = clock.instant();
        registrations.unregisterAll(tenantId);
        connectors.disableAll(tenantId, now);
        tenants.markOffboarding(tenantId, now.plus(OFFBOARDING_GRACE), now);
        cache.invalidateTenant(tenantId);
        activeTenants.invalidate(tenantId);
        return ResponseEntity.accepted().body(tenants.find(tenantId).orElseThrow());
    }

    @Operation(summary = "Erase everything the hub holds of one contact, across channels")
    @DeleteMapping("/admin/v1/tenants/{tenantId}/contacts/{address}")
    Map<String, Object> eraseContact(@PathVariable String tenantId, @PathVariable String address) {
        tenants.find(tenantId).orElseThrow(() -> ApiProblem.notFound("unknown tenant"));
        ContactErasure.Erased erased = erasure.contact(tenantId, address);
        return Map.of("address", address, "messagesErased", erased.messages(), "mediaErased", erased.media());
    }

    @Operation(summary = "Usage per channel and month")
    @GetMapping("/admin/v1/tenants/{tenantId}/usage")
    List<Map<String, Object>> usage(@PathVariable String tenantId) {
        tenants.find(tenantId).orElseThrow(() -> ApiProblem.notFound("unknown tenant"));
        usageMeter.flush();
        return usage.ofTenant(tenantId);
    }
}
