package io.channelhub.app.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.cluster.ClusterChanges;
import io.channelhub.app.cluster.SharedState;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Active tenants, cached briefly: every webhook, submission and send asks, and tenants change rarely.
 * A change is forgotten on every instance at once ({@link ClusterChanges}); {@link #TTL} bounds it when an
 * announcement is lost.
 */
@Component
public class ActiveTenants {
    static final Duration TTL = Duration.ofSeconds(10);
    private final TenantRepository tenants;
    /** Bounded: unknown ids in webhook URLs must not grow it. */
    private final Cache<String, Optional<Tenant>> cache;
    private final ClusterChanges changes;

    public ActiveTenants(TenantRepository tenants, ClusterChanges changes, Clock clock) {
        this.tenants = tenants;
        this.changes = changes;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        changes.onChange(SharedState.TENANT, cache::invalidate);
    }

    public Optional<Tenant> find(String tenantId) {
        return cache.get(tenantId, id -> tenants.find(id).filter(Tenant::active));
    }

    public void invalidate(String tenantId) {
        changes.changed(SharedState.TENANT, tenantId);
    }
}
