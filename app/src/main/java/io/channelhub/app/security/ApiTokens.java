package io.channelhub.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.channelhub.app.HubProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Finds the caller of a presented token in the shared store, through a short cache because every API
 * request needs one. A change made on another instance is seen here once the entry is older than
 * {@code hub.security.token-cache-ttl} (the stated bound); a change made here invalidates at once.
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

    ApiTokens(TokenStore store, HubProperties hub, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.byHash = Caffeine.newBuilder().expireAfterWrite(hub.security().tokenCacheTtl()).maximumSize(MAX_CACHED)
                .build(store::grant);
        this.recentlyMarked = Caffeine.newBuilder().expireAfterWrite(TokenStore.LAST_USE_GRANULARITY)
                .maximumSize(MAX_CACHED).build();
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

    void invalidate(String hash) {
        byHash.invalidate(hash);
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
