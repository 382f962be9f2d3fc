package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fallback chains of outbound messages: what each tries next, and what became of it. */
@Repository
public class FallbackRepository {
    private final JdbcClient jdbc;

    public FallbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a message's chain stands. */
    public enum State {
        /** The next attempt may still be made. */
        PENDING,
        /** The next attempt was made: {@link Plan#attemptId()}. */
        ATTEMPTED,
        /** Not needed: the message was delivered, or taken back by the platform. */
        CANCELLED,
        /** The message ended in a way the next attempt is not for. */
        ENDED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param chain    the attempts still to come, as JSON
     * @param deadline when the first of them is due if the message is not delivered by then, or null
     */
    public record Plan(String messageId, String tenantId, String chain, Instant deadline, State state,
                       String attemptId) {
    }

    public void insert(String messageId, String tenantId, String chain, Instant deadline, Instant now) {
        jdbc.sql("""
                        insert into message_fallbacks (message_id, tenant_id, chain, deadline, state, updated_at)
                        values (?, ?, ?, ?, 'pending', ?) on conflict do nothing""")
                .params(messageId, tenantId, chain, Db.ts(deadline), Db.ts(now)).update();
    }

    public Optional<Plan> find(String messageId) {
        return jdbc.sql("select * from message_fallbacks where message_id = ?").param(messageId)
                .query((rs, i) -> new Plan(rs.getString("message_id"), rs.getString("tenant_id"), rs.getString("chain"),
                        Db.instant(rs, "deadline"), State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                        rs.getString("attempt_id")))
                .optional();
    }

    /** Whether the message's next attempt may still be made. */
    public boolean pending(String messageId) {
        return jdbc.sql("select count(*) from message_fallbacks where message_id = ? and state = 'pending'")
                .param(messageId).query(Integer.class).single() > 0;
    }

    /**
     * Takes the next attempt for {@code attemptId}: answers true for exactly one caller, however many checks
     * of the message run at once or again after a crash.
     */
    public boolean claim(String messageId, String attemptId, Instant now) {
        return jdbc.sql("""
                        update message_fallbacks set state = 'attempted', attempt_id = ?, updated_at = ?
                        where message_id = ? and state = 'pending'""")
                .params(attemptId, Db.ts(now), messageId).update() > 0;
    }

    /** Closes a pending chain without an attempt; answers whether it was pending. */
    public boolean close(String messageId, State state, Instant now) {
        return jdbc.sql("""
                        update message_fallbacks set state = ?, updated_at = ? where message_id = ? and state = 'pending'""")
                .params(state.wireName(), Db.ts(now), messageId).update() > 0;
    }

    /** A tenant's default chains by channel (JSON). */
    public Map<String, String> defaultChains(String tenantId) {
        Map<String, String> chains = new TreeMap<>();
        jdbc.sql("select channel, chain from tenant_fallbacks where tenant_id = ?").param(tenantId)
                .query(rs -> {
                    chains.put(rs.getString("channel"), rs.getString("chain"));
                });
        return chains;
    }

    public void putDefaultChain(String tenantId, String channel, String chain, Instant now) {
        if (jdbc.sql("update tenant_fallbacks set chain = ?, updated_at = ? where tenant_id = ? and channel = ?")
                .params(chain, Db.ts(now), tenantId, channel).update() == 0) {
            jdbc.sql("insert into tenant_fallbacks (tenant_id, channel, chain, updated_at) values (?, ?, ?, ?)")
                    .params(tenantId, channel, chain, Db.ts(now)).update();
        }
    }

    /** Answers whether there was one. */
    public boolean deleteDefaultChain(String tenantId, String channel) {
        return jdbc.sql("delete from tenant_fallbacks where tenant_id = ? and channel = ?")
                .params(tenantId, channel).update() > 0;
    }
}
