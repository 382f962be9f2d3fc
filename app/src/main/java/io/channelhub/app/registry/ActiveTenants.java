package io.channelhub.app.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    /** Bounded: unknown ids in webhook URLs must not grow it. */
    private final Cache<String, Optional<Tenant>> cache;

    public ActiveTenants(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    public Optional<Tenant> find(String tenantId) {
        return cache.get(tenantId, id -> tenants.find(id).filter(Tenant::active));
    }

    public void invalidate(String tenantId) {
        cache.invalidate(tenantId);
    }
}
