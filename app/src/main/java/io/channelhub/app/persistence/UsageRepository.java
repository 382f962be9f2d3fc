package io.channelhub.app.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Usage per tenant, channel, month (UTC) and direction: messages and billable units (SMS segments). */
@Repository
public class UsageRepository {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private final JdbcClient jdbc;

    public UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String tenantId, String channel, String direction, long messages, long units, Instant at) {
        String month = MONTH.format(at);
        String update = """
                update usage_counters set messages = messages + ?, units = units + ?
                where tenant_id = ? and channel = ? and period = ? and direction = ?""";
        if (jdbc.sql(update).params(messages, units, tenantId, channel, month, direction).update() > 0) {
            return;
        }
        try {
            jdbc.sql("""
                            insert into usage_counters (tenant_id, channel, period, direction, messages, units)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(tenantId, channel, month, direction, messages, units).update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(update).params(messages, units, tenantId, channel, month, direction).update();
        }
    }

    /** Outbound messages counted for the tenant's connector in the month of {@code at}. */
    public long outbound(String tenantId, String channel, Instant at) {
        return jdbc.sql("""
                        select coalesce(sum(messages), 0) from usage_counters where tenant_id = ? and channel = ?
                        and period = ? and direction = 'outbound'""")
                .params(tenantId, channel, MONTH.format(at)).query(Long.class).single();
    }

    /** Claims the notice {@code kind} of the month of {@code at}: true for the first claim only. */
    public boolean claimNotice(String tenantId, String channel, String kind, Instant at) {
        return jdbc.sql("""
                        insert into usage_notices (tenant_id, channel, period, kind, sent_at) values (?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(tenantId, channel, MONTH.format(at), kind, Db.ts(at)).update() > 0;
    }

    /** The month {@code at} falls in, as usage is counted: UTC, {@code yyyy-MM}. */
    public static String period(Instant at) {
        return MONTH.format(at);
    }

    public List<Map<String, Object>> ofTenant(String tenantId) {
        return jdbc.sql("""
                        select channel, period, direction, messages, units from usage_counters where tenant_id = ?
                        order by period, channel, direction""")
                .param(tenantId).query().listOfRows();
    }
}
