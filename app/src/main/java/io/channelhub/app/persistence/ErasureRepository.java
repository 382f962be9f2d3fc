package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deletes what retention, offboarding and erasure requests say must go. */
@Repository
public class ErasureRepository {
    private final JdbcClient jdbc;

    public ErasureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Messages of the tenant created before {@code cutoff}, with their status history. */
    public int messagesBefore(String tenantId, Instant cutoff) {
        jdbc.sql("""
                        delete from message_fallbacks where message_id in
                        (select id from messages where tenant_id = ? and created_at < ?)""")
                .params(tenantId, Db.ts(cutoff)).update();
        jdbc.sql("""
                        delete from message_status where message_id in
                        (select id from messages where tenant_id = ? and created_at < ?)""")
                .params(tenantId, Db.ts(cutoff)).update();
        jdbc.sql("delete from contact_events where tenant_id = ? and created_at < ?")
                .params(tenantId, Db.ts(cutoff)).update();
        return jdbc.sql("delete from messages where tenant_id = ? and created_at < ?")
                .params(tenantId, Db.ts(cutoff)).update();
    }

    /** Media ids of the tenant stored before {@code cutoff} (the files are deleted by the caller). */
    public List<String> mediaBefore(String tenantId, Instant cutoff) {
        return jdbc.sql("select id from media where tenant_id = ? and created_at < ?")
                .params(tenantId, Db.ts(cutoff)).query(String.class).list();
    }

    /** Answers whether the tenant had this media record. */
    public boolean deleteMedia(String tenantId, String id) {
        return jdbc.sql("delete from media where id = ? and tenant_id = ?").params(id, tenantId).update() > 0;
    }

    /** The media that the contact's messages brought (the files are deleted by the caller). */
    public List<String> mediaOf(String tenantId, String address) {
        return jdbc.sql("""
                        select id from media where tenant_id = ? and message_id in
                        (select id from messages where tenant_id = ? and contact_address = ?)""")
                .params(tenantId, tenantId, address).query(String.class).list();
    }

    /** Everything the hub holds of one contact, across channels. */
    public int contact(String tenantId, String address) {
        jdbc.sql("""
                        delete from message_fallbacks where message_id in
                        (select id from messages where tenant_id = ? and contact_address = ?)""")
                .params(tenantId, address).update();
        jdbc.sql("""
                        delete from message_status where message_id in
                        (select id from messages where tenant_id = ? and contact_address = ?)""")
                .params(tenantId, address).update();
        int messages = jdbc.sql("delete from messages where tenant_id = ? and contact_address = ?")
                .params(tenantId, address).update();
        jdbc.sql("delete from contacts where tenant_id = ? and address = ?")
                .params(tenantId, ContactRepository.key(address)).update();
        jdbc.sql("delete from contact_events where tenant_id = ? and contact_address = ?")
                .params(tenantId, ContactRepository.key(address)).update();
        jdbc.sql("delete from consent_history where tenant_id = ? and address = ?")
                .params(tenantId, ContactRepository.key(address)).update();
        return messages;
    }

    /** Everything of an offboarded tenant; media ids are returned first by {@link #mediaBefore}. */
    public void tenant(String tenantId) {
        for (String sql : List.of(
                "delete from message_status where message_id in (select id from messages where tenant_id = ?)",
                "delete from message_fallbacks where tenant_id = ?",
                "delete from messages where tenant_id = ?",
                "delete from contacts where tenant_id = ?",
                "delete from contact_events where tenant_id = ?",
                "delete from idempotency_keys where tenant_id = ?",
                "delete from usage_counters where tenant_id = ?",
                "delete from dead_letters where tenant_id = ?",
                "delete from media where tenant_id = ?",
                "delete from audit_trail where tenant_id = ?",
                "delete from consent_history where tenant_id = ?",
                "delete from connectors where tenant_id = ?",
                "delete from tenant_fallbacks where tenant_id = ?",
                "delete from api_tokens where tenant_id = ?",
                "delete from tenants where id = ?")) {
            jdbc.sql(sql).param(tenantId).update();
        }
    }
}
