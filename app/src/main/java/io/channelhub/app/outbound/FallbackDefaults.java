package io.channelhub.app.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.audit.AuditTrail;
import io.channelhub.app.cluster.ClusterChanges;
import io.channelhub.app.cluster.SharedState;
import io.channelhub.app.persistence.FallbackRepository;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.model.FallbackAttempt;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * A tenant's default fallback chain per channel (ops settings), used by a submission on that channel that brings
 * no chain of its own. A default names channels and conditions only: the address and the content are each
 * message's, so it may only lead to channels that address the contact the same way (a phone number: WhatsApp,
 * RBM, SMS), where the message's own address carries over.
 *
 * <p>Every submission asks, and defaults change rarely: they are cached per tenant like
 * {@link io.channelhub.app.registry.ActiveTenants}, forgotten on every instance at a change ({@link ClusterChanges}).
 */
@Component
public class FallbackDefaults {
    static final Duration TTL = Duration.ofSeconds(10);
    private static final TypeReference<List<FallbackAttempt>> ATTEMPTS = new TypeReference<>() {
    };
    private final FallbackRepository fallbacks;
    private final ConnectorCatalog catalog;
    private final TenantRepository tenants;
    private final Clock clock;
    /** Bounded like the tenant cache; a tenant without defaults holds an empty map. */
    private final Cache<String, Map<String, List<FallbackAttempt>>> cache;

    private final ClusterChanges changes;
    private final AuditTrail audit;

    FallbackDefaults(FallbackRepository fallbacks, ConnectorCatalog catalog, TenantRepository tenants,
                     ClusterChanges changes, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.fallbacks = fallbacks;
        this.catalog = catalog;
        this.tenants = tenants;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        this.changes = changes;
        changes.onChange(SharedState.FALLBACK_DEFAULTS, cache::invalidate);
    }

    /** The tenant's default chains by channel. */
    public Map<String, List<FallbackAttempt>> of(String tenantId) {
        requireTenant(tenantId);
        return stored(tenantId);
    }

    private Map<String, List<FallbackAttempt>> stored(String tenantId) {
        Map<String, List<FallbackAttempt>> chains = new LinkedHashMap<>();
        fallbacks.defaultChains(tenantId).forEach((channel, json) -> chains.put(channel, read(json)));
        return chains;
    }

    /** Checks and keeps the tenant's default chain for {@code channel}; a chain that makes no sense is a 400. */
    public List<FallbackAttempt> put(String tenantId, String channel, List<FallbackAttempt> chain) {
        requireTenant(tenantId);
        ChannelDescriptor origin = descriptor(channel, "unknown channel '" + channel + "'");
        if (chain == null || chain.isEmpty()) {
            throw invalid("'fallback' needs at least one attempt; DELETE removes the default");
        }
        FallbackChain.checkLength(chain);
        for (int i = 0; i < chain.size(); i++) {
            String where = "fallback[" + i + "]";
            FallbackAttempt attempt = chain.get(i);
            ChannelDescriptor next = FallbackChain.channelOf(attempt, where, catalog);
            if (attempt.to() != null || attempt.content() != null) {
                throw invalid(where + ": a default chain names channels and conditions only; 'to' and 'content'"
                        + " are each message's");
            }
            if (next.addressFormat() != origin.addressFormat()) {
                throw invalid(where + ".channel: " + attempt.channel() + " addresses contacts by "
                        + next.addressFormat() + ", " + channel + " by " + origin.addressFormat()
                        + ": the message's address would not carry over");
            }
            FallbackChain.checkConditions(attempt, where);
        }
        try {
            String json = HubJson.mapper().writeValueAsString(chain);
            fallbacks.putDefaultChain(tenantId, channel, json, clock.instant());
            changes.changed(SharedState.FALLBACK_DEFAULTS, tenantId);
            audit.record("fallback.set", tenantId, channel, Map.of("fallback", HubJson.mapper().readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fallback chain that cannot be written as JSON", e);
        }
        return List.copyOf(chain);
    }

    /** Answers whether the tenant had a default chain for the channel. */
    public boolean delete(String tenantId, String channel) {
        requireTenant(tenantId);
        boolean deleted = fallbacks.deleteDefaultChain(tenantId, channel);
        changes.changed(SharedState.FALLBACK_DEFAULTS, tenantId);
        if (deleted) {
            audit.record("fallback.removed", tenantId, channel, Map.of());
        }
        return deleted;
    }

    /** The submission with its tenant's default chain for its channel when it brings none of its own. */
    OutboundSubmission apply(OutboundSubmission s) {
        if (!s.fallback().isEmpty() || s.channel() == null) {
            return s;
        }
        List<FallbackAttempt> chain = cache.get(s.tenantId(), this::stored).get(s.channel());
        return chain == null ? s : s.withFallback(chain);
    }

    private ChannelDescriptor descriptor(String channel, String unknown) {
        return catalog.find(channel).map(c -> c.descriptor()).orElseThrow(() -> invalid(unknown));
    }

    private void requireTenant(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new SubmissionRejected(404, ReasonCodes.INVALID_REQUEST, "unknown tenant");
        }
    }

    private static List<FallbackAttempt> read(String json) {
        try {
            return HubJson.mapper().readValue(json, ATTEMPTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an unreadable default fallback chain", e);
        }
    }

    private static SubmissionRejected invalid(String detail) {
        return new SubmissionRejected(400, ReasonCodes.INVALID_REQUEST, detail);
    }
}
