package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants. */
@Repository
public class TenantRepository {
    private static final RowMapper<Tenant> ROW = (rs, i) -> new Tenant(rs.getString("id"), rs.getString("name"),
            rs.getString("status"), rs.getInt("retention_days"), rs.getString("timezone"),
            rs.getString("quiet_hours"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"),
            Db.instant(rs, "erase_after"));
    private final JdbcClient jdbc;

    public TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.sql("select * from tenants where id = ?").param(id).query(ROW).optional();
    }

    public List<Tenant> all() {
        return jdbc.sql("select * from tenants order by id").query(ROW).list();
    }

    /** Creates or updates; answers true when the tenant was created. */
    public boolean upsert(Tenant t) {
        int updated = jdbc.sql("""
                        update tenants set name = ?, status = 'active', retention_days = ?, timezone = ?,
                        quiet_hours = ?, updated_at = ?, erase_after = null where id = ?""")
                .params(t.name(), t.retentionDays(), t.timezone(), t.quietHours(), Db.ts(t.updatedAt()), t.id())
                .update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("""
                        insert into tenants (id, name, status, retention_days, timezone, quiet_hours, created_at, updated_at)
                        values (?, ?, 'active', ?, ?, ?, ?, ?)""")
                .params(t.id(), t.name(), t.retentionDays(), t.timezone(), t.quietHours(), Db.ts(t.createdAt()),
                        Db.ts(t.updatedAt()))
                .update();
        return true;
    }

    public void markOffboarding(String id, Instant eraseAfter, Instant now) {
        jdbc.sql("update tenants set status = 'offboarding', erase_after = ?, updated_at = ? where id = ?")
                .params(Db.ts(eraseAfter), Db.ts(now), id).update();
    }
}
