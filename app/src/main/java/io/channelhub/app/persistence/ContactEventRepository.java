package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contact events the hub published, one per provider event, so a provider's redelivery publishes nothing. */
@Repository
public class ContactEventRepository {
    private final JdbcClient jdbc;

    public ContactEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored event: its published body and the queued item that recorded it. */
    public record Stored(String body, String intakeRef) {
    }

    /** Answers false when the provider event was recorded before (the caller then looks at {@link #find}). */
    public boolean insert(String tenantId, String channel, String providerEventId, String type, String contactAddress,
                          String body, String intakeRef, Instant now) {
        // "on conflict do nothing": a duplicate-key error would abort the intake batch's transaction on PostgreSQL
        return jdbc.sql("""
                        insert into contact_events (tenant_id, channel, provider_event_id, type, contact_address, body,
                          intake_ref, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(tenantId, channel, providerEventId, type, ContactRepository.key(contactAddress), body,
                        intakeRef, Db.ts(now))
                .update() > 0;
    }

    public Optional<Stored> find(String tenantId, String channel, String providerEventId) {
        return jdbc.sql("""
                        select body, intake_ref from contact_events
                        where tenant_id = ? and channel = ? and provider_event_id = ?""")
                .params(tenantId, channel, providerEventId)
                .query((rs, i) -> new Stored(rs.getString("body"), rs.getString("intake_ref"))).optional();
    }
}
