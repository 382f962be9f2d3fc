package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.InboundPoller;
import io.channelhub.core.spi.InboundPoller.UnreadableItem;
import io.channelhub.core.spi.TenantConnector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One message the IMAP server will not give never stalls the mailbox: the others are handed over, the
 * bad one is reported each poll with its header section until the hub gives up, then set aside — marked,
 * never deleted, never offered again.
 */
class EmailPollerIsolationTest {
    private static final String GOOD = """
            From: Jan <jan@klant.example>
            To: shop@dealer.example
            Subject: %s
            Message-ID: <%s@klant.example>
            Date: Thu, 3 Dec 2026 10:00:00 +0100
            Content-Type: text/plain; charset=utf-8

            Is de auto nog beschikbaar?
            """;
    private static final String DAMAGED = """
            From: MAILER-DAEMON
            To: shop@dealer.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <damaged-1@mx.dealer.example>
            Content-Type: multipart/report; report-type=delivery-status; boundary="x"

            --x
            """;

    private final InboundPoller poller = TestEnvironment.connector().poller().orElseThrow();
    private ScriptedImapServer server;
    private TenantConnector tenant;

    @BeforeEach
    void mailbox() {
        server = new ScriptedImapServer()
                .mail(GOOD.formatted("eerste", "first-1"))
                .refusedMail(DAMAGED)
                .mail(GOOD.formatted("derde", "third-1"))
                .start();
        Map<String, String> settings = new HashMap<>();
        settings.put("fromAddress", TestMailboxes.SHOP);
        settings.put("smtpHost", "127.0.0.1");
        settings.put("smtpPort", "2525");
        settings.put("smtpSecurity", "none");
        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", String.valueOf(server.port()));
        settings.put("imapSecurity", "none");
        tenant = TestMailboxes.tenant(settings, TestMailboxes.PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theMailsBehindAnUnreadableOneAreHandedOverAndTheBadOneIsReportedWithItsHeaders() {
        RecordingSink sink = new RecordingSink(false);

        poller.poll(tenant, sink);

        assertThat(sink.accepted).extracting(p -> new String(p.body(), StandardCharsets.UTF_8))
                .satisfiesExactly(
                        first -> assertThat(first).contains("Message-ID: <first-1@klant.example>"),
                        third -> assertThat(third).contains("Message-ID: <third-1@klant.example>"));
        assertThat(sink.unreadable).singleElement().satisfies(item -> {
            assertThat(item.itemId()).isEqualTo("INBOX;UIDVALIDITY=" + ScriptedImapServer.UID_VALIDITY + ";UID=102");
            assertThat(new String(item.raw(), StandardCharsets.UTF_8))
                    .contains("Message-ID: <damaged-1@mx.dealer.example>").contains("From: MAILER-DAEMON");
            assertThat(item.reason()).contains("could not be read");
        });
        assertThat(server.flags(0)).containsExactly(EmailInboundPoller.PROCESSED_KEYWORD);
        assertThat(server.flags(1)).as("left for the next poll while the hub has not given up").isEmpty();
        assertThat(server.flags(2)).containsExactly(EmailInboundPoller.PROCESSED_KEYWORD);
    }

    @Test
    void onceTheHubGivesUpTheMailIsSetAsideAndNeverOfferedAgain() {
        poller.poll(tenant, new RecordingSink(false));
        RecordingSink givingUp = new RecordingSink(true);

        poller.poll(tenant, givingUp);
        RecordingSink after = new RecordingSink(true);
        poller.poll(tenant, after);

        assertThat(givingUp.unreadable).hasSize(1);
        assertThat(givingUp.accepted).isEmpty();
        assertThat(server.flags(1)).containsExactlyInAnyOrder(EmailInboundPoller.PROCESSED_KEYWORD,
                EmailInboundPoller.SET_ASIDE_KEYWORD).doesNotContain("\\Deleted");
        assertThat(after.unreadable).isEmpty();
        assertThat(after.accepted).isEmpty();
    }

    private static final class RecordingSink implements InboundPoller.Sink {
        final List<InboundPayload> accepted = new ArrayList<>();
        final List<UnreadableItem> unreadable = new ArrayList<>();
        private final boolean giveUp;

        RecordingSink(boolean giveUp) {
            this.giveUp = giveUp;
        }

        @Override
        public void accept(InboundPayload payload) {
            accepted.add(payload);
        }

        @Override
        public boolean unreadable(UnreadableItem item) {
            unreadable.add(item);
            return giveUp;
        }
    }
}
