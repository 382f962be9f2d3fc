package io.channelhub.app.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.channelhub.core.model.HubJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenant connectors. */
@Repository
public class ConnectorRepository {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };
    private static final RowMapper<ConnectorRecord> ROW = (rs, i) -> new ConnectorRecord(rs.getString("tenant_id"),
            rs.getString("channel"), rs.getBoolean("enabled"), readMap(rs.getString("settings")),
            rs.getString("secrets"), rs.getString("health"), rs.getString("health_detail"),
            rs.getString("last_error"), Db.instant(rs, "last_error_at"), Db.instant(rs, "updated_at"),
            Db.instant(rs, "credentials_renewed_at"), Db.instant(rs, "credentials_expire_at"));
    private final JdbcClient jdbc;

    public ConnectorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ConnectorRecord> find(String tenantId, String channel) {
        return jdbc.sql("select * from connectors where tenant_id = ? and channel = ?").params(tenantId, channel)
                .query(ROW).optional();
    }

    public List<ConnectorRecord> ofTenant(String tenantId) {
        return jdbc.sql("select * from connectors where tenant_id = ? order by channel").param(tenantId)
                .query(ROW).list();
    }

    public List<ConnectorRecord> byRoutingKey(String channel, String routingKey) {
        return jdbc.sql("select * from connectors where channel = ? and routing_key = ?").params(channel, routingKey)
                .query(ROW).list();
    }

    public List<ConnectorRecord> enabledOfChannel(String channel) {
        return jdbc.sql("select * from connectors where channel = ? and enabled = true").param(channel)
                .query(ROW).list();
    }

    public void save(String tenantId, String channel, boolean enabled, Map<String, String> settings,
                     String encryptedSecrets, String routingKey, Instant now) {
        String json = writeMap(settings);
        int updated = jdbc.sql("""
                        update connectors set enabled = ?, settings = ?, secrets = ?, routing_key = ?, health = 'unknown',
                        health_detail = null, credentials_renewed_at = null, credentials_expire_at = null, updated_at = ?
                        where tenant_id = ? and channel = ?""")
                .params(enabled, json, encryptedSecrets, routingKey, Db.ts(now), tenantId, channel).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into connectors (tenant_id, channel, enabled, settings, secrets, routing_key, health, updated_at)
                            values (?, ?, ?, ?, ?, ?, 'unknown', ?)""")
                    .params(tenantId, channel, enabled, json, encryptedSecrets, routingKey, Db.ts(now)).update();
        }
    }

    /**
     * Stores secrets the hub renewed, unless ops saved the connector since they were read ({@code expected}):
     * the credential ops pasted wins over a renewal of the one it replaced.
     */
    public boolean storeRenewedSecrets(String tenantId, String channel, String expected, String encrypted,
                                       Instant now, Instant expiresAt) {
        return jdbc.sql("""
                        update connectors set secrets = ?, credentials_renewed_at = ?, credentials_expire_at = ?
                        where tenant_id = ? and channel = ? and secrets = ?""")
                .params(encrypted, Db.ts(now), Db.ts(expiresAt), tenantId, channel, expected).update() > 0;
    }

    public boolean setEnabled(String tenantId, String channel, boolean enabled, Instant now) {
        return jdbc.sql("update connectors set enabled = ?, updated_at = ? where tenant_id = ? and channel = ?")
                .params(enabled, Db.ts(now), tenantId, channel).update() > 0;
    }

    public void disableAll(String tenantId, Instant now) {
        jdbc.sql("update connectors set enabled = false, updated_at = ? where tenant_id = ?")
                .params(Db.ts(now), tenantId).update();
    }

    /** Sets the health; answers whether it (or its detail) changed. */
    public boolean setHealth(String tenantId, String channel, String health, String detail) {
        String d = Db.truncate(detail, 500);
        return jdbc.sql("""
                        update connectors set health = ?, health_detail = ? where tenant_id = ? and channel = ?
                        and (health <> ? or coalesce(health_detail, '') <> coalesce(?, ''))""")
                .params(health, d, tenantId, channel, health, d).update() > 0;
    }

    public void recordError(String tenantId, String channel, String error, Instant at) {
        jdbc.sql("update connectors set last_error = ?, last_error_at = ? where tenant_id = ? and channel = ?")
                .params(Db.truncate(error, 1000), Db.ts(at), tenantId, channel).update();
    }

    /**
     * The connector works but lost items ops must look at (mails set aside). A connector whose credentials
     * were refused stays {@code unhealthy}: that is the worse news.
     */
    public boolean markDegraded(String tenantId, String channel, String detail) {
        return jdbc.sql("update connectors set health = 'degraded', health_detail = ? where tenant_id = ? and channel = ?"
                        + " and health <> 'unhealthy'")
                .params(Db.truncate(detail, 500), tenantId, channel).update() > 0;
    }

    /** Enabled connectors in the given health ({@code unhealthy}, {@code degraded}), as {@code tenant/channel}. */
    public List<String> inHealth(String health) {
        return jdbc.sql("select tenant_id, channel from connectors where enabled = true and health = ?"
                        + " order by tenant_id, channel")
                .param(health)
                .query((rs, i) -> rs.getString("tenant_id") + "/" + rs.getString("channel")).list();
    }

    private static Map<String, String> readMap(String json) {
        try {
            return json == null ? Map.of() : HubJson.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connector settings are not JSON", e);
        }
    }

    private static String writeMap(Map<String, String> map) {
        try {
            return HubJson.mapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
