package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail's rows: append, read newest first, erase by retention. */
@Repository
public class AuditRepository {
    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getLong("id"), Db.instant(rs, "at"),
            rs.getString("actor"), rs.getString("action"), rs.getString("tenant_id"), rs.getString("target"),
            rs.getString("detail"));
    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param detail JSON */
    public record Entry(long id, Instant at, String actor, String action, String tenantId, String target,
                        String detail) {
    }

    public void append(Instant at, String actor, String action, String tenantId, String target, String detail) {
        jdbc.sql("insert into audit_trail (at, actor, action, tenant_id, target, detail) values (?, ?, ?, ?, ?, ?)")
                .params(Db.ts(at), actor, action, tenantId, target, detail).update();
    }

    /** Newest first; each filter left null means any. */
    public List<Entry> find(String tenantId, String action, Instant since, Instant before, int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_trail where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (tenantId != null) {
            sql.append(" and tenant_id = ?");
            params.add(tenantId);
        }
        if (action != null) {
            sql.append(" and action = ?");
            params.add(action);
        }
        if (since != null) {
            sql.append(" and at >= ?");
            params.add(Db.ts(since));
        }
        if (before != null) {
            sql.append(" and at < ?");
            params.add(Db.ts(before));
        }
        sql.append(" order by at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ROW).list();
    }

    /** A tenant's entries older than {@code cutoff}; the hub's own (no tenant) when {@code tenantId} is null. */
    public int eraseBefore(String tenantId, Instant cutoff) {
        return tenantId == null
                ? jdbc.sql("delete from audit_trail where tenant_id is null and at < ?").param(Db.ts(cutoff)).update()
                : jdbc.sql("delete from audit_trail where tenant_id = ? and at < ?").params(tenantId, Db.ts(cutoff))
                        .update();
    }
}
