package io.channelhub.app.api;

import io.channelhub.app.flow.ContactErasure;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.app.registry.TenantAdmin;
import io.channelhub.app.usage.UsageMeter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
    static final Pattern TENANT_ID = TenantAdmin.TENANT_ID;
    private final TenantAdmin admin;
    private final TenantRepository tenants;
    private final UsageRepository usage;
    private final ContactErasure erasure;
    private final UsageMeter usageMeter;

    TenantAdminController(TenantAdmin admin, TenantRepository tenants, UsageRepository usage, ContactErasure erasure,
                          UsageMeter usageMeter) {
        this.admin = admin;
        this.tenants = tenants;
        this.usage = usage;
        this.erasure = erasure;
        this.usageMeter = usageMeter;
    }

    /** Body of PUT: only {@code name} is required. */
    record TenantRequest(String name, Integer retentionDays, String timezone, String quietHours) {
    }

    @Operation(summary = "Create or update a tenant")
    @PutMapping("/admin/v1/tenants/{tenantId}")
    ResponseEntity<Tenant> put(@PathVariable String tenantId, @RequestBody TenantRequest body) {
        TenantAdmin.Saved saved;
        try {
            saved = admin.upsert(tenantId, body.name(), body.retentionDays(), body.timezone(), body.quietHours());
        } catch (TenantAdmin.TenantRejected e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.tenant());
    }

    @Operation(summary = "All tenants")
    @GetMapping("/admin/v1/tenants")
    List<Tenant> list() {
        return tenants.all();
    }

    @Operation(summary = "Offboard a tenant: connectors disabled at once, data erased after the grace period")
    @DeleteMapping("/admin/v1/tenants/{tenantId}")
    ResponseEntity<Tenant> delete(@PathVariable String tenantId) {
        return ResponseEntity.accepted().body(admin.offboard(tenantId)
                .orElseThrow(() -> ApiProblem.notFound("unknown tenant")));
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
