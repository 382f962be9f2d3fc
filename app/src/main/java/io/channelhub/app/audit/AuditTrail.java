package io.channelhub.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.channelhub.app.persistence.AuditRepository;
import io.channelhub.core.model.HubJson;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What ops changed, with who (the name of the token it was done with), when, on which tenant and what changed:
 * tenants, connectors (settings with their new values; secrets by name only), enabling, fallback chains, dead
 * letter replays, contact erasures (counts only: the erased address is not kept here either), offboarding and
 * API tokens. Read through {@code GET /admin/v1/audit}; erased by retention like the tenant's messages.
 */
@Component
public class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger("io.channelhub.audit");
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };
    private final AuditRepository repository;
    private final Clock clock;

    public AuditTrail(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** One change ops made; {@code detail} names what changed. */
    public record Entry(long id, Instant at, String actor, String action, String tenantId, String target,
                        Map<String, Object> detail) {
    }

    /**
     * Records a change by the current caller (API token or console session), in the caller's transaction if it
     * has one.
     *
     * @param tenantId null for a change to the hub itself
     * @param target   what was changed within the tenant (a channel, a dead letter, a token), or null
     */
    public void record(String action, String tenantId, String target, Map<String, ?> detail) {
        String actor = Actors.current();
        try {
            repository.append(clock.instant(), actor, action, tenantId, target,
                    HubJson.mapper().writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON", e);
        }
        LOG.info("{} by {}: tenant {} {} {}", action, actor, tenantId, target == null ? "" : target, detail);
    }

    /** Newest first; each filter left null means any. */
    public List<Entry> find(String tenantId, String action, Instant since, Instant before, int limit) {
        return repository.find(tenantId, action, since, before, limit).stream()
                .map(e -> new Entry(e.id(), e.at(), e.actor(), e.action(), e.tenantId(), e.target(), detail(e.detail())))
                .toList();
    }

    private static Map<String, Object> detail(String json) {
        try {
            return HubJson.mapper().readValue(json, DETAIL);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit detail", e);
        }
    }
}
