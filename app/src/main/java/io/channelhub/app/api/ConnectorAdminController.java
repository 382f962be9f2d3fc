package io.channelhub.app.api;

import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.registry.ConnectorAdmin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ops: a tenant's connectors. Secrets are write-only: every answer shows them masked. */
@RestController
@Tag(name = "ops: connectors", description = "Bearer token with role ops")
class ConnectorAdminController {
    private final ConnectorAdmin admin;
    private final TenantRepository tenants;

    ConnectorAdminController(ConnectorAdmin admin, TenantRepository tenants) {
        this.admin = admin;
        this.tenants = tenants;
    }

    /** Body of PUT. */
    record ConnectorRequest(Boolean enabled, Map<String, String> settings, Map<String, String> secrets) {
        @Override
        public String toString() {
            return "ConnectorRequest[enabled=" + enabled + ", settings=" + settings + ", secrets=***]";
        }
    }

    @Operation(summary = "Configure a connector; runs its credential check, never depends on the provider")
    @PutMapping("/admin/v1/tenants/{tenantId}/connectors/{channel}")
    ConnectorAdmin.ConnectorView put(@PathVariable String tenantId, @PathVariable String channel,
                                     @RequestBody ConnectorRequest body) {
        requireTenant(tenantId);
        return admin.save(tenantId, channel, body.enabled() == null || body.enabled(),
                body.settings() == null ? Map.of() : body.settings(), body.secrets());
    }

    @Operation(summary = "A tenant's connectors: enabled, settings, masked secrets, health, circuit, counters")
    @GetMapping("/admin/v1/tenants/{tenantId}/connectors")
    List<ConnectorAdmin.ConnectorView> list(@PathVariable String tenantId) {
        requireTenant(tenantId);
        return admin.list(tenantId);
    }

    @Operation(summary = "Enable a connector")
    @PostMapping("/admin/v1/tenants/{tenantId}/connectors/{channel}/enable")
    ConnectorAdmin.ConnectorView enable(@PathVariable String tenantId, @PathVariable String channel) {
        requireTenant(tenantId);
        return admin.setEnabled(tenantId, channel, true);
    }

    @Operation(summary = "Disable a connector: its webhooks are acknowledged and dropped, its sends rejected")
    @PostMapping("/admin/v1/tenants/{tenantId}/connectors/{channel}/disable")
    ConnectorAdmin.ConnectorView disable(@PathVariable String tenantId, @PathVariable String channel) {
        requireTenant(tenantId);
        return admin.setEnabled(tenantId, channel, false);
    }

    private void requireTenant(String tenantId) {
        if (tenants.find(tenantId).filter(t -> t.active()).isEmpty()) {
            throw ApiProblem.notFound("unknown tenant");
        }
    }
}
