package io.channelhub.app.api;

import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.persistence.ConsentHistoryRepository;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's door to consent: record one captured elsewhere (a web form, a signed contract) with its proof,
 * and read a contact's history — every opt-in and opt-out the hub knows of, from whatever source.
 */
@RestController
@Tag(name = "platform: consent", description = "Bearer token with role platform")
class ConsentController {
    static final int MAX_EVIDENCE = 1000;
    private final ConsentStore consent;
    private final TenantRepository tenants;
    private final ConnectorCatalog catalog;
    private final Clock clock;

    ConsentController(ConsentStore consent, TenantRepository tenants, ConnectorCatalog catalog, Clock clock) {
        this.consent = consent;
        this.tenants = tenants;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @param channel  a channel, or {@code *} for every channel of the tenant
     * @param scope    {@code marketing} or {@code all}
     * @param state    {@code opted_in} or {@code opted_out}
     * @param evidence the proof: where and how it was given (the form, the contract's reference), required
     * @param givenAt  when the contact gave it; now when left out
     */
    record ConsentRequest(String channel, String scope, String state, String evidence, Instant givenAt) {
    }

    @Operation(summary = "Record a consent captured elsewhere, with its proof; the latest word of the contact wins")
    @PostMapping("/api/v1/tenants/{tenantId}/contacts/{address}/consent")
    ResponseEntity<Map<String, Object>> record(@PathVariable String tenantId, @PathVariable String address,
                                               @RequestBody ConsentRequest body) {
        requireTenant(tenantId);
        if (body.channel() == null || !(ConsentStore.EVERY_CHANNEL.equals(body.channel())
                || catalog.find(body.channel()).isPresent())) {
            throw ApiProblem.badRequest("'channel' must be a channel or * (every channel)");
        }
        ConsentStore.Scope scope = switch (String.valueOf(body.scope())) {
            case "marketing" -> ConsentStore.Scope.MARKETING;
            case "all" -> ConsentStore.Scope.ALL;
            default -> throw ApiProblem.badRequest("'scope' must be marketing or all");
        };
        boolean optedIn = switch (String.valueOf(body.state())) {
            case "opted_in" -> true;
            case "opted_out" -> false;
            default -> throw ApiProblem.badRequest("'state' must be opted_in or opted_out");
        };
        if (body.evidence() == null || body.evidence().isBlank() || body.evidence().length() > MAX_EVIDENCE) {
            throw ApiProblem.badRequest("'evidence' is required: where and how the contact gave it (at most "
                    + MAX_EVIDENCE + " characters)");
        }
        if (address.isBlank() || address.length() > 320) {
            throw ApiProblem.badRequest("the contact's address must be 1 to 320 characters");
        }
        Instant now = clock.instant();
        if (body.givenAt() != null && body.givenAt().isAfter(now)) {
            throw ApiProblem.badRequest("'givenAt' is in the future");
        }
        Instant givenAt = body.givenAt() == null ? now : body.givenAt();
        consent.recordedByPlatform(tenantId, body.channel(), address, scope, optedIn, body.evidence().strip(), givenAt);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("address", address, "channel", body.channel(),
                "scope", scope.wireName(), "state", optedIn ? "opted_in" : "opted_out", "givenAt", givenAt.toString()));
    }

    @Operation(summary = "A contact's consent history on every channel, the latest first")
    @GetMapping("/api/v1/tenants/{tenantId}/contacts/{address}/consent")
    List<ConsentHistoryRepository.Entry> history(@PathVariable String tenantId, @PathVariable String address) {
        requireTenant(tenantId);
        return consent.history(tenantId, address);
    }

    private void requireTenant(String tenantId) {
        tenants.find(tenantId).orElseThrow(() -> ApiProblem.notFound("unknown tenant"));
    }
}
