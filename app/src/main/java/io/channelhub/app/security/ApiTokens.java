package io.channelhub.app.security;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The API tokens, stored as hashes, cached in memory because every API request needs one. */
@Repository
public class ApiTokens {
    private final JdbcClient jdbc;
    private final Map<String, Caller> byHash = new ConcurrentHashMap<>();

    public ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
        reload();
    }

    public final void reload() {
        byHash.clear();
        jdbc.sql("select name, role, tenant_id, token_hash from api_tokens").query((rs, i) -> {
            byHash.put(rs.getString("token_hash"),
                    new Caller(rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getString("tenant_id")));
            return null;
        }).list();
    }

    public boolean isEmpty() {
        return jdbc.sql("select count(*) from api_tokens").query(Long.class).single() == 0;
    }

    public boolean exists(String name) {
        return jdbc.sql("select count(*) from api_tokens where name = ?").param(name).query(Long.class).single() > 0;
    }

    public void store(String name, Role role, String tenantId, String token) {
        String hash = TokenHashes.hash(token);
        jdbc.sql("insert into api_tokens (id, name, role, tenant_id, token_hash, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), name, role.name(), tenantId, hash,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        byHash.put(hash, new Caller(name, role, tenantId));
    }

    /**
     * The caller a presented token stands for. The lookup is by SHA-256 of the token, so its timing
     * depends on the hash, which tells an attacker nothing about the stored tokens.
     */
    public Optional<Caller> authenticate(String token) {
        return Optional.ofNullable(byHash.get(TokenHashes.hash(token)));
    }
}
