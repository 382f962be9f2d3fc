package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency keys of outbound submissions, per tenant, kept for the configured time (24 h). */
@Repository
public class IdempotencyRepository {
    private final JdbcClient jdbc;

    public IdempotencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for {@code messageId}; when it was claimed already within {@code notBefore}, answers
     * the message id it was claimed for. A concurrent claim of the same key waits for the other
     * transaction and then sees its claim; the insert never fails, so it cannot abort the caller's
     * PostgreSQL transaction.
     */
    public Optional<String> claim(String tenantId, String key, String messageId, Instant now, Instant notBefore) {
        int inserted = jdbc.sql("""
                        insert into idempotency_keys (tenant_id, idem_key, message_id, created_at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(tenantId, key, messageId, Db.ts(now)).update();
        if (inserted > 0) {
            return Optional.empty();
        }
        Optional<String> existing = jdbc.sql("""
                        select message_id from idempotency_keys where tenant_id = ? and idem_key = ? and created_at >= ?""")
                .params(tenantId, key, Db.ts(notBefore)).query(String.class).optional();
        if (existing.isPresent()) {
            return existing;
        }
        // An expired claim: take the key over for the new message.
        jdbc.sql("update idempotency_keys set message_id = ?, created_at = ? where tenant_id = ? and idem_key = ?")
                .params(messageId, Db.ts(now), tenantId, key).update();
        return Optional.empty();
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from idempotency_keys where created_at < ?").param(Db.ts(cutoff)).update();
    }
}
