package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contacts per (tenant, channel, address): consent state, shared by every channel's rules, and the time
 * of the last inbound message, which opens a channel's customer-service window. Addresses are keyed as
 * {@link io.channelhub.core.model.ConversationIds} keys a contact (trimmed, lower case), so
 * {@code Jan@Example.nl} and {@code jan@example.nl} share one consent state, as they share one conversation.
 */
@Repository
public class ContactRepository {
    private final JdbcClient jdbc;

    public ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored form of a contact address. */
    public static String key(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    /** A contact's state: {@code consent} is {@code unknown}, {@code opted_in} or {@code opted_out}. */
    /** @param marketingConsent {@code opted_in}, {@code opted_out}, or null when none was ever recorded */
    public record Contact(String consent, Instant consentAt, String consentEvidence, Instant lastInboundAt,
                          String conversationId, String marketingConsent) {
        public boolean optedOut() {
            return "opted_out".equals(consent);
        }
    }

    public Optional<Contact> find(String tenantId, String channel, String rawAddress) {
        String address = key(rawAddress);
        return jdbc.sql("select * from contacts where tenant_id = ? and channel = ? and address = ?")
                .params(tenantId, channel, address)
                .query((rs, i) -> new Contact(rs.getString("consent"), Db.instant(rs, "consent_at"),
                        rs.getString("consent_evidence"), Db.instant(rs, "last_inbound_at"),
                        rs.getString("conversation_id"), rs.getString("marketing_consent")))
                .optional();
    }

    /** Records an inbound message of the contact: its time opens the service window. */
    public void touchInbound(String tenantId, String channel, String rawAddress, String conversationId, Instant at) {
        String address = key(rawAddress);
        int updated = jdbc.sql("""
                        update contacts set last_inbound_at = case when last_inbound_at is null or last_inbound_at < ?
                        then ? else last_inbound_at end, conversation_id = ?
                        where tenant_id = ? and channel = ? and address = ?""")
                .params(Db.ts(at), Db.ts(at), conversationId, tenantId, channel, address).update();
        if (updated == 0 && !insertIgnoringRace(tenantId, channel, address, "unknown", null, null, at)) {
            touchInbound(tenantId, channel, address, conversationId, at);
        } else if (updated == 0) {
            jdbc.sql("update contacts set conversation_id = ? where tenant_id = ? and channel = ? and address = ?")
                    .params(conversationId, tenantId, channel, address).update();
        }
    }

    public void setConsent(String tenantId, String channel, String rawAddress, String consent, String evidence,
                           Instant at) {
        String address = key(rawAddress);
        int updated = jdbc.sql("""
                        update contacts set consent = ?, consent_at = ?, consent_evidence = ?
                        where tenant_id = ? and channel = ? and address = ?""")
                .params(consent, Db.ts(at), Db.truncate(evidence, 1000), tenantId, channel, address).update();
        if (updated == 0 && !insertIgnoringRace(tenantId, channel, address, consent, at, evidence, null)) {
            setConsent(tenantId, channel, address, consent, evidence, at);
        }
    }

    /**
     * Records a consent a provider reported at {@code at} ({@code opted_in} or {@code opted_out}), unless a later
     * one is recorded already: providers deliver events concurrently and out of order (a block and the unblock a
     * second later), and the contact's latest word must win.
     *
     * @param marketing true for the consent to marketing messages only, beside the consent to any message
     */
    public void setConsentIfNewer(String tenantId, String channel, String rawAddress, boolean marketing,
                                  String consent, String evidence, Instant at) {
        String address = key(rawAddress);
        insertIgnoringRace(tenantId, channel, address, "unknown", null, null, null);
        String sql = marketing
                ? """
                update contacts set marketing_consent = ?, marketing_consent_at = ?, marketing_consent_evidence = ?
                where tenant_id = ? and channel = ? and address = ?
                and (marketing_consent_at is null or marketing_consent_at <= ?)"""
                : """
                update contacts set consent = ?, consent_at = ?, consent_evidence = ?
                where tenant_id = ? and channel = ? and address = ? and (consent_at is null or consent_at <= ?)""";
        jdbc.sql(sql).params(consent, Db.ts(at), Db.truncate(evidence, 1000), tenantId, channel, address, Db.ts(at))
                .update();
    }

    /** False when another transaction inserted the contact first (without aborting a PostgreSQL transaction). */
    private boolean insertIgnoringRace(String tenantId, String channel, String address, String consent,
                                       Instant consentAt, String evidence, Instant lastInbound) {
        return jdbc.sql("""
                        insert into contacts (tenant_id, channel, address, consent, consent_at, consent_evidence,
                          last_inbound_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(tenantId, channel, address, consent, Db.ts(consentAt), Db.truncate(evidence, 1000),
                        Db.ts(lastInbound))
                .update() > 0;
    }
}
