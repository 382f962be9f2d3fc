package io.channelhub.app.security;

import io.channelhub.app.audit.AuditTrail;
import io.channelhub.app.audit.Changes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Ops manage tokens at runtime: create (the value is shown once), list (never a value or hash), revoke.
 * A revocation takes effect on this instance at once and on the others within the cache bound; its hash
 * is remembered so that the start-up sync does not store a revoked configured value again.
 */
@Service
public class TokenAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TokenAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TokenStore store;
    private final ApiTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    TokenAdmin(TokenStore store, ApiTokens tokens, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** What ops ask for; every field but {@code role} may be null. The tenant id's format is the caller's check. */
    public record NewToken(String name, String role, String tenantId, Instant expiresAt) {
    }

    /** The created token with its value, which is not stored and cannot be shown again. */
    public record CreatedToken(String name, String role, String tenantId, Instant expiresAt, Instant createdAt,
                               String token) {
        @Override
        public String toString() {
            return "CreatedToken[name=" + name + ", role=" + role + ", tenantId=" + tenantId + ", token=***]";
        }
    }

    /** Bad input (400) or a name already taken (409); nothing was changed. */
    public static class TokenRejected extends RuntimeException {
        private final int status;

        TokenRejected(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public CreatedToken create(NewToken request, Caller by) {
        Role role = Role.of(request.role())
                .orElseThrow(() -> new TokenRejected(400, "'role' must be " + Role.ids()));
        String name = request.name() == null ? role.id() + "-" + HexFormat.of().formatHex(randomBytes()) : request.name();
        if (!TokenNames.isValid(name)) {
            throw new TokenRejected(400, "'name' must be " + TokenNames.RULE);
        }
        if (request.tenantId() != null && !role.mayBeScoped()) {
            throw new TokenRejected(400, "only a platform token takes a 'tenantId'");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw new TokenRejected(400, "'expiresAt' must be in the future");
        }
        // to the millisecond, as both databases keep it, so the answer and the listing agree
        Instant expiresAt = request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        String value = TokenHashes.newToken(role.tokenPrefix());
        StoredToken token = new StoredToken(name, role, request.tenantId(), TokenSource.API, TokenHashes.hash(value));
        Instant created;
        try {
            created = store.insert(token, expiresAt);
        } catch (DuplicateKeyException e) {
            throw new TokenRejected(409, "a token named " + name + " exists");
        }
        LOG.info("API token {} created (role {}, tenant {}, expires {}) by {}", name, role.id(), token.scope(),
                expiresAt == null ? "never" : expiresAt, by.tokenName());
        audit.record("token.created", null, name, Changes.of().with("role", role.id()).with("tenant", token.scope())
                .with("expiresAt", expiresAt == null ? "never" : expiresAt.toString()).detail());
        return new CreatedToken(name, role.id(), request.tenantId(), expiresAt, created, value);
    }

    public List<TokenView> list() {
        return store.list();
    }

    /** @return false when no token has that name */
    public boolean revoke(String name, Caller by) {
        return store.revoke(name).map(t -> {
            tokens.invalidate();
            LOG.warn("API token {} (role {}, tenant {}, from {}) revoked by {}", t.name(), t.role().id(), t.scope(),
                    t.source().id(), by.tokenName());
            audit.record("token.revoked", null, t.name(), Changes.of().with("role", t.role().id())
                    .with("tenant", t.scope()).detail());
            return true;
        }).orElse(false);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
