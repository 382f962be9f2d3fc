package io.channelhub.app.registry;

import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Active tenants, cached briefly: every webhook, submission and send asks, and tenants change rarely.
 * Changes through this hub invalidate at once; another instance's changes are seen within {@link #TTL}
 * (an offboarded tenant's connectors are disabled in the same request, which the connector cache also
 * sees within its TTL).
 */
@Component
public class ActiveTenants {
    static final Duration TTL = Duration.ofSeconds(10);
    private final TenantRepository tenants;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ActiveTenants(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    private record Cached(Optional<Tenant> tenant, Instant loadedAt) {
    }

    public Optional<Tenant> find(String tenantId) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached == null || cached.loadedAt().plus(TTL).isBefore(now)) {
            cached = new Cached(tenants.find(tenantId).filter(Tenant::active), now);
            if (cache.size() > 100_000) {
                cache.clear(); // unknown ids must not grow the cache without bound
            }
            cache.put(tenantId, cached);
        }
        return cached.tenant();
    }

    public void invalidate(String tenantId) {
        cache.remove(tenantId);
    }
}
