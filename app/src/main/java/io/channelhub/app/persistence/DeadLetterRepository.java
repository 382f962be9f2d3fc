package io.channelhub.app.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.channelhub.core.model.HubJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Dead letters, for listing and replay by ops. */
@Repository
public class DeadLetterRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("channel"), rs.getString("original_queue"),
            rs.getString("reason_code"), rs.getString("detail"), rs.getInt("attempts"), rs.getString("body"),
            rs.getString("body_encoding"), readMap(rs.getString("properties")), rs.getString("message_id"),
            Db.instant(rs, "created_at"), Db.instant(rs, "replayed_at"));
    private final JdbcClient jdbc;

    public DeadLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless a dead letter with this id exists (a redelivered hub.dead message). */
    public void insert(DeadLetter d) {
        if (find(d.id()).isPresent()) {
            return;
        }
        jdbc.sql("""
                        insert into dead_letters (id, tenant_id, channel, original_queue, reason_code, detail, attempts,
                          body, body_encoding, properties, message_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.id(), d.tenantId(), d.channel(), d.originalQueue(), d.reasonCode(),
                        Db.truncate(d.detail(), 2000), d.attempts(), d.body(), d.bodyEncoding(),
                        writeMap(d.properties()), d.messageId(), Db.ts(d.createdAt()))
                .update();
    }

    public Optional<DeadLetter> find(String id) {
        return jdbc.sql("select * from dead_letters where id = ?").param(id).query(ROW).optional();
    }

    public List<DeadLetter> list(String tenantId, String channel, int limit) {
        StringBuilder sql = new StringBuilder("select * from dead_letters where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (tenantId != null) {
            sql.append(" and tenant_id = ?");
            params.add(tenantId);
        }
        if (channel != null) {
            sql.append(" and channel = ?");
            params.add(channel);
        }
        sql.append(" order by created_at desc limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(ROW).list();
    }

    /** Marks the dead letter replayed; answers false when it was replayed already. */
    public boolean markReplayed(String id, Instant at) {
        return jdbc.sql("update dead_letters set replayed_at = ? where id = ? and replayed_at is null")
                .params(Db.ts(at), id).update() > 0;
    }

    /**
     * The console's dead-letter filters; every field may be null. {@code createdBefore} and {@code createdAfter}
     * bound the age ("older than", "newer than"); {@code replayed} false keeps only letters not yet replayed.
     */
    public record Search(String tenantId, String channel, String reasonCode, Instant createdBefore,
                         Instant createdAfter, Boolean replayed) {
        public Search unreplayed() {
            return new Search(tenantId, channel, reasonCode, createdBefore, createdAfter, false);
        }
    }

    /** One page of matching dead letters, newest first. */
    public List<DeadLetter> search(Search q, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(q, params);
        return jdbc.sql("select * from dead_letters" + where + " order by created_at desc, id limit " + limit
                + " offset " + offset).params(params).query(ROW).list();
    }

    public long count(Search q) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("select count(*) from dead_letters" + where(q, params)).params(params).query(Long.class)
                .single();
    }

    /** The ids of up to {@code limit} matching dead letters, oldest first (the order a replay should keep). */
    public List<String> ids(Search q, int limit) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("select id from dead_letters" + where(q, params) + " order by created_at, id limit " + limit)
                .params(params).query(String.class).list();
    }

    /** The reason codes dead letters carry, for the console's filter. */
    public List<String> reasonCodes() {
        return jdbc.sql("select distinct reason_code from dead_letters order by reason_code").query(String.class)
                .list();
    }

    private static String where(Search q, List<Object> params) {
        StringBuilder sql = new StringBuilder(" where 1 = 1");
        add(sql, params, "tenant_id = ?", q.tenantId());
        add(sql, params, "channel = ?", q.channel());
        add(sql, params, "reason_code = ?", q.reasonCode());
        add(sql, params, "created_at < ?", q.createdBefore() == null ? null : Db.ts(q.createdBefore()));
        add(sql, params, "created_at >= ?", q.createdAfter() == null ? null : Db.ts(q.createdAfter()));
        if (q.replayed() != null) {
            sql.append(q.replayed() ? " and replayed_at is not null" : " and replayed_at is null");
        }
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    private static Map<String, Object> readMap(String json) {
        try {
            return HubJson.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored dead-letter properties are not JSON", e);
        }
    }

    private static String writeMap(Map<String, Object> map) {
        try {
            return HubJson.mapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
