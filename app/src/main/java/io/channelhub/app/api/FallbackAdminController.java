package io.channelhub.app.api;

import io.channelhub.app.outbound.FallbackDefaults;
import io.channelhub.core.model.FallbackAttempt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ops: a tenant's default fallback chains, per channel (CONTRACT §7; a submission's own chain wins). */
@RestController
@Tag(name = "ops: tenants", description = "Bearer token with role ops")
class FallbackAdminController {
    private final FallbackDefaults defaults;

    FallbackAdminController(FallbackDefaults defaults) {
        this.defaults = defaults;
    }

    /** Body of PUT, and each channel's entry in GET: the attempts, in order. */
    record DefaultChain(List<FallbackAttempt> fallback) {
    }

    @Operation(summary = "A tenant's default fallback chains, by the channel they follow")
    @GetMapping("/admin/v1/tenants/{tenantId}/fallbacks")
    Map<String, DefaultChain> list(@PathVariable String tenantId) {
        Map<String, DefaultChain> out = new LinkedHashMap<>();
        defaults.of(tenantId).forEach((channel, chain) -> out.put(channel, new DefaultChain(chain)));
        return out;
    }

    @Operation(summary = "Set the default fallback chain for a channel's submissions that bring none")
    @PutMapping("/admin/v1/tenants/{tenantId}/fallbacks/{channel}")
    DefaultChain put(@PathVariable String tenantId, @PathVariable String channel, @RequestBody DefaultChain body) {
        return new DefaultChain(defaults.put(tenantId, channel, body.fallback()));
    }

    @Operation(summary = "Remove the default fallback chain of a channel")
    @DeleteMapping("/admin/v1/tenants/{tenantId}/fallbacks/{channel}")
    ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String channel) {
        if (!defaults.delete(tenantId, channel)) {
            throw ApiProblem.notFound("no default fallback chain for this channel");
        }
        return ResponseEntity.noContent().build();
    }
}
