package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The consent history's rows: appended, never updated; read per contact; erased with the contact. */
@Repository
public class ConsentHistoryRepository {
    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getString("channel"), rs.getString("scope"),
            rs.getString("state"), rs.getString("source"), rs.getString("evidence"), rs.getString("actor"),
            Db.instant(rs, "given_at"), Db.instant(rs, "recorded_at"));
    private final JdbcClient jdbc;

    public ConsentHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One consent as recorded.
     *
     * @param channel {@code *} for every channel of the tenant
     * @param givenAt when the contact gave or withdrew it (as its source says)
     */
    public record Entry(String channel, String scope, String state, String source, String evidence, String actor,
                        Instant givenAt, Instant recordedAt) {
    }

    public void append(String tenantId, String rawAddress, Entry e) {
        jdbc.sql("""
                        insert into consent_history (tenant_id, channel, address, scope, state, source, evidence, actor,
                          given_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenantId, e.channel(), ContactRepository.key(rawAddress), e.scope(), e.state(), e.source(),
                        Db.truncate(e.evidence(), 1000), e.actor(), Db.ts(e.givenAt()), Db.ts(e.recordedAt()))
                .update();
    }

    /** A contact's history on every channel, the latest first. */
    public List<Entry> of(String tenantId, String rawAddress) {
        return jdbc.sql("select * from consent_history where tenant_id = ? and address = ? order by given_at desc, id desc")
                .params(tenantId, ContactRepository.key(rawAddress)).query(ROW).list();
    }
}
