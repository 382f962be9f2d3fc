package io.channelhub.app.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code api_tokens} table, shared by every hub instance, and the hashes revoked through the API. Names
 * are unique, so instances that write the same token at the same moment end with one row: the second
 * insert fails with {@link DuplicateKeyException} and its caller re-reads.
 */
@Repository
class TokenStore {
    /** {@code last_used_at} is kept to this granularity, so a busy token costs no write per request. */
    static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);
    private static final RowMapper<StoredToken> STORED = (rs, i) -> new StoredToken(rs.getString("name"),
            Role.valueOf(rs.getString("role")), rs.getString("tenant_id"), TokenSource.of(rs.getString("source")),
            rs.getString("token_hash"));
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TokenStore(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    Optional<TokenGrant> grant(String hash) {
        return jdbc.sql("select name, role, tenant_id, expires_at from api_tokens where token_hash = ?").param(hash)
                .query((rs, i) -> new TokenGrant(new Caller(rs.getString("name"), Role.valueOf(rs.getString("role")),
                        rs.getString("tenant_id")), instant(rs, "expires_at"))).optional();
    }

    Optional<StoredToken> find(String name) {
        return jdbc.sql("select * from api_tokens where name = ?").param(name).query(STORED).optional();
    }

    List<TokenView> list() {
        return jdbc.sql("select * from api_tokens order by name").query((rs, i) -> new TokenView(rs.getString("name"),
                Role.valueOf(rs.getString("role")).id(), rs.getString("tenant_id"), rs.getString("source"),
                instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "expires_at"))).list();
    }

    List<String> names(TokenSource source) {
        return jdbc.sql("select name from api_tokens where source = ?").param(source.id()).query(String.class).list();
    }

    /** No ops and no platform token (a monitoring token opens neither API). */
    boolean holdsNoApiToken() {
        return jdbc.sql("select count(*) from api_tokens where role in (?, ?)").params(Role.OPS.name(),
                Role.PLATFORM.name()).query(Long.class).single() == 0;
    }

    boolean isRevoked(String hash) {
        return jdbc.sql("select count(*) from revoked_api_tokens where token_hash = ?").param(hash).query(Long.class)
                .single() > 0;
    }

    /** @return when the row was created; throws {@link DuplicateKeyException} when the name is taken */
    Instant insert(StoredToken token, Instant expiresAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored, so answers and listings agree
        jdbc.sql("""
                        insert into api_tokens (id, name, role, tenant_id, token_hash, source, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), token.name(), token.role().name(), token.tenantId(),
                        token.hash(), token.source().id(), ts(now), ts(expiresAt))
                .update();
        return now;
    }

    /** All or none: answers false, having stored nothing, when another instance stored one of the names first. */
    boolean insertTogether(List<StoredToken> tokens) {
        try {
            transaction.executeWithoutResult(status -> tokens.forEach(t -> insert(t, null)));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** A configured token's new value, role or scope; rows of other sources are left alone. */
    void replaceConfigured(StoredToken token) {
        jdbc.sql("update api_tokens set token_hash = ?, role = ?, tenant_id = ? where name = ? and source = ?")
                .params(token.hash(), token.role().name(), token.tenantId(), token.name(), TokenSource.CONFIG.id())
                .update();
    }

    boolean delete(String name) {
        return jdbc.sql("delete from api_tokens where name = ?").param(name).update() > 0;
    }

    /**
     * Deletes the token and remembers its hash, in one transaction, so that an instance starting meanwhile
     * sees either the token or its revocation, never neither.
     *
     * @return the revoked token; empty when there was none of that name (or another instance revoked it first)
     */
    Optional<StoredToken> revoke(String name) {
        return transaction.execute(status -> find(name).filter(t -> delete(t.name())).map(t -> {
            jdbc.sql("insert into revoked_api_tokens (token_hash, name, revoked_at) values (?, ?, ?)")
                    .params(t.hash(), t.name(), ts(clock.instant())).update();
            return t;
        }));
    }

    /** Writes only when the stored time is older than the granularity, whichever instance wrote it. */
    void markUsed(String name, Instant now) {
        jdbc.sql("update api_tokens set last_used_at = ? where name = ? and (last_used_at is null or last_used_at < ?)")
                .params(ts(now), name, ts(now.minus(LAST_USE_GRANULARITY))).update();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
