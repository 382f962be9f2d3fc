package io.channelhub.app.api;

import io.channelhub.app.security.ApiTokenFilter;
import io.channelhub.app.security.Caller;
import io.channelhub.app.security.TokenAdmin;
import io.channelhub.app.security.TokenView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ops: API tokens, made, listed and revoked at runtime. */
@RestController
@Tag(name = "ops: API tokens", description = "Bearer token with role ops")
class TokenAdminController {
    private final TokenAdmin admin;

    TokenAdminController(TokenAdmin admin) {
        this.admin = admin;
    }

    @Operation(summary = "Create a token; its value is in this answer only")
    @PostMapping("/admin/v1/tokens")
    ResponseEntity<TokenAdmin.CreatedToken> create(@RequestBody TokenAdmin.NewToken body,
                                                   @RequestAttribute(ApiTokenFilter.CALLER) Caller caller) {
        if (body.tenantId() != null && !TenantAdminController.TENANT_ID.matcher(body.tenantId()).matches()) {
            throw ApiProblem.badRequest("'tenantId' must match [a-z0-9][a-z0-9-]{1,62}");
        }
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(admin.create(body, caller));
    }

    @Operation(summary = "All tokens: names, roles, scopes, sources and times, never a value or hash")
    @GetMapping("/admin/v1/tokens")
    List<TokenView> list() {
        return admin.list();
    }

    @Operation(summary = "Revoke a token: refused here at once, by every instance within hub.security.token-cache-ttl")
    @DeleteMapping("/admin/v1/tokens/{name}")
    ResponseEntity<Void> revoke(@PathVariable String name, @RequestAttribute(ApiTokenFilter.CALLER) Caller caller) {
        if (!admin.revoke(name, caller)) {
            throw ApiProblem.notFound("unknown token");
        }
        return ResponseEntity.noContent().build();
    }
}
