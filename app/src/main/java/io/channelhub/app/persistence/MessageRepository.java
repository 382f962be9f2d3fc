package io.channelhub.app.persistence;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Message records and their status history. */
@Repository
public class MessageRepository {
    private static final RowMapper<MessageRecord> ROW = (rs, i) -> new MessageRecord(rs.getString("id"),
            rs.getLong("seq"), rs.getString("tenant_id"), rs.getString("channel"),
            Direction.valueOf(rs.getString("direction").toUpperCase(Locale.ROOT)), rs.getString("conversation_id"),
            rs.getString("contact_address"), rs.getString("provider_message_id"),
            DeliveryStatus.fromWire(rs.getString("status")), rs.getString("category"), rs.getString("body"),
            rs.getString("intake_ref"), rs.getInt("replay_round"), rs.getString("last_error"),
            Db.instant(rs, "enqueued_at"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    private final JdbcClient jdbc;

    public MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a new record, taking the next place in the global order. Answers false when a record with
     * the same provider message id exists already (a duplicate).
     */
    public boolean insert(MessageRecord r) {
        // "on conflict do nothing" rather than catching the duplicate-key error: on PostgreSQL that error would
        // abort the surrounding transaction, which the intake shares among a batch of messages.
        return jdbc.sql("""
                        insert into messages (id, seq, tenant_id, channel, direction, conversation_id, contact_address,
                          provider_message_id, status, category, body, intake_ref, replay_round, created_at, updated_at)
                        values (?, nextval('message_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict do nothing""")
                .params(r.id(), r.tenantId(), r.channel(), r.direction().wireName(), r.conversationId(),
                        r.contactAddress(), r.providerMessageId(), r.status().wireName(), r.category(), r.body(),
                        r.intakeRef(), Db.ts(r.createdAt()), Db.ts(r.updatedAt()))
                .update() > 0;
    }

    public Optional<MessageRecord> find(String id) {
        return jdbc.sql("select * from messages where id = ?").param(id).query(ROW).optional();
    }

    public Optional<MessageRecord> find(String tenantId, String id) {
        return jdbc.sql("select * from messages where id = ? and tenant_id = ?").params(id, tenantId)
                .query(ROW).optional();
    }

    public Optional<MessageRecord> findByProviderId(String tenantId, String channel, Direction direction,
                                                    String providerMessageId) {
        return jdbc.sql("""
                        select * from messages where tenant_id = ? and channel = ? and direction = ?
                        and provider_message_id = ?""")
                .params(tenantId, channel, direction.wireName(), providerMessageId).query(ROW).optional();
    }

    /** The latest outbound message of the conversation that was sent and has heard nothing since. */
    public Optional<MessageRecord> latestSentIn(String conversationId) {
        return jdbc.sql("""
                        select * from messages where conversation_id = ? and direction = 'outbound' and status = 'sent'
                        order by seq desc limit 1""")
                .param(conversationId).query(ROW).optional();
    }

    /**
     * The outbound messages of the conversation that the hub sent up to {@code upTo} and that are not yet
     * read or finished, oldest first: what a provider's delivery or read watermark covers.
     */
    public List<MessageRecord> sentUpTo(String conversationId, Instant upTo) {
        return jdbc.sql("""
                        select m.* from messages m join message_status s on s.message_id = m.id
                        and s.replay_round = m.replay_round and s.status = 'sent'
                        where m.conversation_id = ? and m.direction = 'outbound' and m.status in ('sent', 'delivered')
                        and s.occurred_at <= ? order by m.seq""")
                .params(conversationId, Db.ts(upTo)).query(ROW).list();
    }

    /** A message as dispatch reads it: the record, and whether an earlier one of its conversation is pending. */
    public record ForDispatch(MessageRecord record, boolean earlierPending) {
    }

    /**
     * The message, and whether an earlier outbound message of its conversation is still {@code accepted} (in one
     * statement: dispatch asks both for every message). However long ago it was accepted, it comes first: order
     * never depends on how far behind dispatch is.
     */
    public Optional<ForDispatch> findForDispatch(String id) {
        return jdbc.sql("""
                        select m.*, exists (select 1 from messages e where e.conversation_id = m.conversation_id
                          and e.seq < m.seq and e.direction = 'outbound' and e.status = 'accepted') as earlier_pending
                        from messages m where m.id = ?""")
                .param(id)
                .query((rs, i) -> new ForDispatch(ROW.mapRow(rs, i), rs.getBoolean("earlier_pending")))
                .optional();
    }

    /** The first outbound message of the conversation that still waits to be sent, if any. */
    public Optional<MessageRecord> firstPending(String conversationId) {
        return nextPending(conversationId, Long.MIN_VALUE);
    }

    /** The first outbound message of the conversation after {@code seq} that still waits to be sent, if any. */
    public Optional<MessageRecord> nextPending(String conversationId, long seq) {
        return jdbc.sql("""
                        select * from messages where conversation_id = ? and seq > ? and direction = 'outbound'
                        and status = 'accepted' order by seq limit 1""")
                .params(conversationId, seq).query(ROW).optional();
    }

    /**
     * Takes back a submission that was recorded but could not be queued (and was answered so): the message, its
     * history, its fallback chain and the Idempotency-Key that named it, so that a retry is a new submission.
     * Nothing, if dispatch has moved it on already.
     */
    public boolean withdraw(String id) {
        if (jdbc.sql("delete from messages where id = ? and status = 'accepted'").param(id).update() == 0) {
            return false;
        }
        jdbc.sql("delete from message_status where message_id = ?").param(id).update();
        jdbc.sql("delete from message_fallbacks where message_id = ?").param(id).update();
        jdbc.sql("delete from idempotency_keys where message_id = ?").param(id).update();
        return true;
    }

    public void markEnqueued(String id, Instant at) {
        jdbc.sql("update messages set enqueued_at = ? where id = ?").params(Db.ts(at), id).update();
    }

    /**
     * Moves the message to {@code status} only if that is forward from where it is now (statuses never
     * move back); answers whether it moved. {@code current} may be stale: a report processed concurrently
     * can have moved the message meanwhile, so a status that is still forward of the stored one is
     * applied to that, not dropped.
     */
    public boolean advance(MessageRecord current, DeliveryStatus status, String providerMessageId,
                           String lastError, Instant at) {
        DeliveryStatus from = current.status();
        while (status.advancesFrom(from)) {
            int moved = jdbc.sql("""
                            update messages set status = ?, provider_message_id = coalesce(?, provider_message_id),
                            last_error = coalesce(?, last_error), updated_at = ? where id = ? and status = ? and replay_round = ?""")
                    .params(status.wireName(), providerMessageId, Db.truncate(lastError, 1000), Db.ts(at),
                            current.id(), from.wireName(), current.round())
                    .update();
            if (moved > 0) {
                return true;
            }
            Optional<DeliveryStatus> stored = jdbc.sql("select status from messages where id = ? and replay_round = ?")
                    .params(current.id(), current.round()).query(String.class).optional().map(DeliveryStatus::fromWire);
            if (stored.isEmpty() || stored.get() == from) {
                return false; // erased, or replayed in a new round
            }
            from = stored.get();
        }
        return false;
    }

    public void recordError(String id, String error, Instant at) {
        jdbc.sql("update messages set last_error = ?, updated_at = ? where id = ?")
                .params(Db.truncate(error, 1000), Db.ts(at), id).update();
    }

    /** A dead-lettered outbound message goes back to {@code accepted} for a replay, in a new round. */
    public void reopen(String id, Instant at) {
        jdbc.sql("update messages set status = 'accepted', replay_round = replay_round + 1, updated_at = ? where id = ?")
                .params(Db.ts(at), id).update();
    }

    /** What appending a status to the history found. */
    public enum Append {
        /** Recorded now. */
        NEW,
        /** Recorded by an earlier delivery of the same queued item, whose publishing was rolled back. */
        OWN_EARLIER_ATTEMPT,
        /** Recorded from another queued item: a provider's repeated report. */
        DUPLICATE
    }

    /** Appends to the status history, once per status and round. */
    public Append appendStatus(String messageId, int round, DeliveryStatus status, Reason reason, String intakeRef,
                               Instant at) {
        int inserted = jdbc.sql("""
                        insert into message_status (message_id, replay_round, status, reason_code, detail, provider_code,
                          intake_ref, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(messageId, round, status.wireName(), reason == null ? null : reason.code(),
                        reason == null ? null : Db.truncate(reason.detail(), 1000),
                        reason == null ? null : reason.providerCode(), intakeRef, Db.ts(at))
                .update();
        if (inserted > 0) {
            return Append.NEW;
        }
        return ownEntry(messageId, round, status, intakeRef) ? Append.OWN_EARLIER_ATTEMPT : Append.DUPLICATE;
    }

    /** The status this queued item recorded for the message in an earlier, rolled-back delivery, if any. */
    public Optional<StatusEntry> recordedBy(String messageId, int round, String intakeRef) {
        return jdbc.sql("""
                        select status, reason_code, detail, provider_code, occurred_at from message_status
                        where message_id = ? and replay_round = ? and intake_ref = ? order by occurred_at desc""")
                .params(messageId, round, intakeRef)
                .query((rs, i) -> new StatusEntry(DeliveryStatus.fromWire(rs.getString("status")),
                        rs.getString("reason_code"), rs.getString("detail"), rs.getString("provider_code"),
                        Db.instant(rs, "occurred_at")))
                .list().stream().findFirst();
    }

    private boolean ownEntry(String messageId, int round, DeliveryStatus status, String intakeRef) {
        String existingRef = jdbc.sql("""
                        select intake_ref from message_status where message_id = ? and replay_round = ? and status = ?""")
                .params(messageId, round, status.wireName()).query(String.class).optional().orElse(null);
        return intakeRef != null && intakeRef.equals(existingRef);
    }

    public List<StatusEntry> history(String messageId) {
        return jdbc.sql("""
                        select status, reason_code, detail, provider_code, occurred_at, fallback_attempt, fallback_of
                        from message_status where message_id = ? order by replay_round, occurred_at""")
                .param(messageId)
                .query((rs, i) -> new StatusEntry(DeliveryStatus.fromWire(rs.getString("status")),
                        rs.getString("reason_code"), rs.getString("detail"), rs.getString("provider_code"),
                        Db.instant(rs, "occurred_at"), rs.getString("fallback_attempt"), rs.getString("fallback_of")))
                .list();
    }

    /** Names, on the message's history entry for {@code status}, the fallback attempt it led to. */
    public void nameFallbackAttempt(String messageId, int round, DeliveryStatus status, String attemptId) {
        jdbc.sql("""
                        update message_status set fallback_attempt = ? where message_id = ? and replay_round = ?
                        and status = ?""")
                .params(attemptId, messageId, round, status.wireName()).update();
    }

    /** Names, on a fallback attempt's {@code accepted} entry, the message it falls back from. */
    public void nameFallbackOf(String attemptId, String messageId) {
        jdbc.sql("update message_status set fallback_of = ? where message_id = ? and status = 'accepted'")
                .params(messageId, attemptId).update();
    }

    /**
     * What ops look for in the console's message search; every field may be null (no filter). {@code from} is
     * inclusive, {@code to} exclusive, both on the time the hub recorded the message.
     */
    public record Search(String tenantId, String channel, String contactAddress, DeliveryStatus status,
                         Direction direction, Instant from, Instant to) {
    }

    /**
     * One page of the search, newest first, by keyset on the global order: {@code olderThan} gives the page
     * after a row (its {@code seq}), {@code newerThan} the page before one; both null gives the newest page.
     * Answers up to {@code limit} records, always newest first.
     */
    public List<MessageRecord> search(Search q, Long olderThan, Long newerThan, int limit) {
        StringBuilder sql = new StringBuilder("select * from messages where 1 = 1");
        List<Object> params = new ArrayList<>();
        filter(sql, params, "tenant_id = ?", q.tenantId());
        filter(sql, params, "channel = ?", q.channel());
        filter(sql, params, "contact_address = ?", q.contactAddress());
        filter(sql, params, "status = ?", q.status() == null ? null : q.status().wireName());
        filter(sql, params, "direction = ?", q.direction() == null ? null : q.direction().wireName());
        filter(sql, params, "created_at >= ?", q.from() == null ? null : Db.ts(q.from()));
        filter(sql, params, "created_at < ?", q.to() == null ? null : Db.ts(q.to()));
        filter(sql, params, "seq < ?", olderThan);
        filter(sql, params, "seq > ?", newerThan);
        boolean backwards = olderThan == null && newerThan != null;
        sql.append(backwards ? " order by seq asc" : " order by seq desc").append(" limit ").append(limit);
        List<MessageRecord> page = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(ROW).list());
        if (backwards) {
            Collections.reverse(page);
        }
        return page;
    }

    private static void filter(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    /**
     * Up to {@code limit} messages of the conversation just before ({@code earlier}) or just after the one at
     * {@code seq}, in conversation order.
     */
    public List<MessageRecord> around(String conversationId, long seq, boolean earlier, int limit) {
        List<MessageRecord> found = new ArrayList<>(jdbc.sql("select * from messages where conversation_id = ? and seq "
                        + (earlier ? "< ? order by seq desc" : "> ? order by seq asc") + " limit " + limit)
                .params(conversationId, seq).query(ROW).list());
        if (earlier) {
            Collections.reverse(found);
        }
        return found;
    }

    /** Inbound messages of a tenant's channel recorded since {@code since}, oldest first, at most {@code limit}. */
    public List<MessageRecord> inboundSince(String tenantId, String channel, Instant since, int limit) {
        return jdbc.sql("""
                        select * from messages where tenant_id = ? and channel = ? and direction = 'inbound'
                        and created_at >= ? order by seq limit """ + " " + limit)
                .params(tenantId, channel, Db.ts(since)).query(ROW).list();
    }

    /** When the tenant's connector last received ({@code inbound}) or sent a message; for the ops console. */
    public Optional<Instant> lastCreatedAt(String tenantId, String channel, Direction direction) {
        return jdbc.sql("""
                        select max(created_at) as latest from messages
                        where tenant_id = ? and channel = ? and direction = ?""")
                .params(tenantId, channel, direction.wireName())
                .query((rs, i) -> Optional.ofNullable(Db.instant(rs, "latest"))).single();
    }

    /**
     * Messages of every tenant in one direction created since {@code since}; for the ops console. Joined with the
     * tenants so that the (tenant_id, created_at) index answers instead of a scan of all messages.
     */
    public long countSince(Direction direction, Instant since) {
        return jdbc.sql("""
                        select count(*) from tenants t join messages m on m.tenant_id = t.id
                        where m.created_at >= ? and m.direction = ?""")
                .params(Db.ts(since), direction.wireName()).query(Long.class).single();
    }
}
