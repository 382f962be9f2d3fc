package io.channelhub.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.channelhub.app.HubProperties;
import io.channelhub.app.cluster.ClusterChanges;
import io.channelhub.app.cluster.SharedState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Finds the caller of a presented token in the shared store, through a short cache because every API
 * request needs one. A change is forgotten on every instance at once ({@link ClusterChanges});
 * {@code hub.security.token-cache-ttl} bounds it when an announcement is lost.
 * Unknown tokens are cached too, so repeating a bad token does not reach the database, and the size bound
 * keeps the memory fixed whatever is presented.
 */
@Component
public class ApiTokens {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final int MAX_CACHED = 10_000;
    private final TokenStore store;
    private final Clock clock;
    private final LoadingCache<String, Optional<TokenGrant>> byHash;
    /** Names whose last use was written within the granularity: the next write waits until the entry expires. */
    private final Cache<String, Instant> recentlyMarked;
    private final ClusterChanges changes;

    ApiTokens(TokenStore store, HubProperties hub, ClusterChanges changes, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.byHash = Caffeine.newBuilder().expireAfterWrite(hub.security().tokenCacheTtl()).maximumSize(MAX_CACHED)
                .build(store::grant);
        this.recentlyMarked = Caffeine.newBuilder().expireAfterWrite(TokenStore.LAST_USE_GRANULARITY)
                .maximumSize(MAX_CACHED).build();
        this.changes = changes;
        changes.onChange(SharedState.TOKENS, ignored -> byHash.invalidateAll());
    }

    /**
     * The caller a presented token stands for, while it has not expired. The lookup is by SHA-256 of the
     * token, so its timing depends on the hash, which tells an attacker nothing about the stored tokens.
     */
    public Optional<Caller> authenticate(String token) {
        Instant now = clock.instant();
        Optional<Caller> caller = byHash.get(TokenHashes.hash(token)).filter(g -> g.validAt(now))
                .map(TokenGrant::caller);
        caller.ifPresent(c -> markUsed(c.tokenName(), now));
        return caller;
    }

    /**
     * The caller a token with this SHA-256 hash stands for, while it has not expired or been revoked: for the
     * console's session, which keeps the hash, never the token, and asks again on every page.
     */
    public Optional<Caller> authenticateHash(String hash) {
        Instant now = clock.instant();
        return byHash.get(hash).filter(g -> g.validAt(now)).map(TokenGrant::caller);
    }

    /** A token changed (made, rotated, revoked): every instance forgets every cached answer. */
    void invalidate() {
        changes.changed(SharedState.TOKENS, "");
    }

    private void markUsed(String name, Instant now) {
        if (recentlyMarked.asMap().putIfAbsent(name, now) != null) {
            return;
        }
        try {
            store.markUsed(name, now);
        } catch (DataAccessException e) {
            // the request itself was authenticated; the last-use time is a side record, retried at the next use
            recentlyMarked.invalidate(name);
            LOG.warn("Could not record the last use of API token {}: {}", name, e.getClass().getSimpleName());
        }
    }
}
