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
