package io.channelhub.app.flow;

import io.channelhub.app.HubProperties;
import io.channelhub.app.cluster.ClusterLocks;
import io.channelhub.app.persistence.AuditRepository;
import io.channelhub.app.persistence.ErasureRepository;
import io.channelhub.app.persistence.IdempotencyRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.routes.port.Housekeeping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases what the hub may no longer keep (CONTRACT §6): messages, media and audit entries older than each tenant's
 * retention, idempotency keys past their 24 h, the hub's own audit entries past {@code hub.audit-retention}, and
 * all data of offboarded tenants past their grace period.
 */
@Component
class RetentionJob implements Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final TenantRepository tenants;
    private final ErasureRepository erasure;
    private final IdempotencyRepository idempotency;
    private final MediaErasure media;
    private final HubProperties hub;
    private final ClusterLocks locks;
    private final AuditRepository audit;
    private final Clock clock;

    RetentionJob(TenantRepository tenants, ErasureRepository erasure, IdempotencyRepository idempotency,
                 MediaErasure media, HubProperties hub, ClusterLocks locks, AuditRepository audit, Clock clock) {
        this.audit = audit;
        this.tenants = tenants;
        this.erasure = erasure;
        this.idempotency = idempotency;
        this.media = media;
        this.hub = hub;
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    public void run() {
        // one instance at a time; one that dies mid-run hands over at a later tick
        locks.runAlone("housekeeping", this::erase);
    }

    private void erase() {
        Instant now = clock.instant();
        idempotency.purgeOlderThan(now.minus(hub.idempotencyTtl()));
        audit.eraseBefore(null, now.minus(hub.auditRetention()));
        for (Tenant tenant : tenants.all()) {
            if (tenant.eraseAfter() != null && tenant.eraseAfter().isBefore(now)) {
                eraseMedia(tenant.id(), Instant.MAX);
                erasure.tenant(tenant.id());
                LOG.info("Erased offboarded tenant {}", tenant.id());
                continue;
            }
            Instant cutoff = now.minus(Duration.ofDays(tenant.retentionDays()));
            int erased = erasure.messagesBefore(tenant.id(), cutoff);
            audit.eraseBefore(tenant.id(), cutoff);
            eraseMedia(tenant.id(), cutoff);
            if (erased > 0) {
                LOG.info("Erased {} messages of tenant {} older than {}", erased, tenant.id(),
                        Period.ofDays(tenant.retentionDays()));
            }
        }
    }

    private void eraseMedia(String tenantId, Instant cutoff) {
        media.erase(tenantId, erasure.mediaBefore(tenantId, cutoff));
    }
}
