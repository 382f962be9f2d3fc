package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bounces in the formats mail systems really send (fixtures under fixtures/email/inbound/bounce-*): each one
 * becomes the {@code failed} status of the hub message it returns, with the SMTP status code and the line
 * that gives it, and never an inbound message. What only looks like a bounce stays a message.
 */
class EmailBounceTest {
    private final InboundNormalizer normalizer = TestEnvironment.connector().normalizer();

    @Test
    void postfixNoticeWithTheReturnedMessageAttached() {
        assertFailed(status("bounce-postfix.eml"), 1, "5.1.1", "<gone@example.org>: host mx.example.org[198.51.100.7] "
                + "said: 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in local recipient "
                + "table (in reply to RCPT TO command)", "2026-11-20T09:01:00Z");
    }

    @Test
    void eximNoticeWithTheMessageCopiedBelowIt() {
        assertFailed(status("bounce-exim.eml"), 2, "5.1.1",
                "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown", "2026-11-20T09:02:00Z");
    }

    @Test
    void qmailNotice() {
        assertFailed(status("bounce-qmail.eml"), 3, "5.1.1",
                "Remote host said: 550 5.1.1 <gone@example.net>... User unknown", "2026-11-20T09:03:00Z");
    }

    @Test
    void exchangeNdrWithoutADeliveryStatusPartIsMatchedByItsInReplyTo() {
        assertFailed(status("bounce-exchange-ndr.eml"), 4, "5.1.10", "Remote Server returned '550 5.1.10 "
                + "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'", "2026-11-20T09:04:00Z");
    }

    @Test
    void xFailedRecipientsMakesABounceInAnyLanguageAndFromAnySender() {
        assertFailed(status("bounce-x-failed-recipients.eml"), 5, "5.2.2",
                "Antwort des Servers: 552 5.2.2 Postfach voll", "2026-11-20T09:05:00Z");
    }

    @Test
    void aBareMailerDaemonWithoutDomainIsABounceNotAMalformedMail() {
        assertFailed(status("bounce-bare-mailer-daemon.eml"), 6, "5.1.1",
                "(reason: 550 5.1.1 <gone@example.org>... User unknown)", "2026-11-20T09:06:00Z");
    }

    @Test
    void postmasterSenderWithAutoSubmitted() {
        assertFailed(status("bounce-postmaster-auto-submitted.eml"), 7, "5.7.1",
                "554 5.7.1 Message rejected as spam by content filter", "2026-11-20T09:07:00Z");
    }

    @Test
    void aDeliveryReportWithoutTheReturnedMessageIsMatchedByItsInReplyTo() {
        String dsn = fixture("bounce-dsn-hub-message.eml");
        String headersOnly = dsn.substring(0, dsn.indexOf("--7D1E41C0B12.1763630162/mx.dealer.example\n"
                + "Content-Description: Undelivered Message Headers"))
                .replace("Auto-Submitted: auto-replied\n",
                        "Auto-Submitted: auto-replied\nIn-Reply-To: <0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>\n");

        StatusUpdate s = (StatusUpdate) single(headersOnly);

        assertThat(s.hubMessageId()).isEqualTo("0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908");
        assertThat(s.reason().providerCode()).isEqualTo("5.1.1");
    }

    @Test
    void aDeliveryReportWithoutThePerMessageBlockIsStillRead() {
        String dsn = fixture("bounce-dsn-hub-message.eml");
        String recipientOnly = dsn.substring(0, dsn.indexOf("Reporting-MTA:")) + dsn.substring(dsn.indexOf("Final-Recipient:"));

        StatusUpdate s = (StatusUpdate) single(recipientOnly);

        assertThat(s.hubMessageId()).isEqualTo("0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908");
        assertThat(s.reason().detail()).startsWith("smtp; 550 5.1.1");
    }

    @Test
    void aHubMessageIdWinsOverTheIdOfTheBounceItselfOrOfAnotherMail() {
        String exchange = fixture("bounce-exchange-ndr.eml")
                .replace("In-Reply-To: <1b2c3d4e-0000-4000-8000-000000000004@hub.test>",
                        "In-Reply-To: <rewritten-by-relay@relay.example>");

        assertThat(((StatusUpdate) single(exchange)).hubMessageId()).isEqualTo("1b2c3d4e-0000-4000-8000-000000000004");
    }

    @Test
    void aBounceOfMailTheHubDidNotSendNamesThatMailOnly() {
        String own = fixture("bounce-qmail.eml").replace("<1b2c3d4e-0000-4000-8000-000000000003@hub.test>",
                "<from-outlook-123@dealer.example>");

        StatusUpdate s = (StatusUpdate) single(own);

        assertThat(s.providerMessageId()).isEqualTo("<from-outlook-123@dealer.example>");
        assertThat(s.hubMessageId()).isNull();
        assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void aBounceWhoseReturnedMailARelayRenamedNamesItsRecipientForTheHubToMatchBy() {
        String rewritten = fixture("bounce-dsn-hub-message.eml").replace(
                "<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>", "<0100018c-ses-rewritten@email.amazonses.com>");

        StatusUpdate s = (StatusUpdate) single(rewritten);

        assertThat(s.hubMessageId()).isNull();
        assertThat(s.providerMessageId()).isEqualTo("<0100018c-ses-rewritten@email.amazonses.com>");
        assertThat(s.recipient()).isEqualTo("nobody@example.org");
        assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void anEximBounceNamesItsFailedRecipientFromTheHeader() {
        assertThat(((StatusUpdate) single(fixture("bounce-x-failed-recipients.eml"))).recipient()).contains("@");
    }

    @Test
    void aDelayWarningStaysAnAutomaticMessage() {
        String warning = fixture("bounce-postfix.eml").replace("I'm sorry to have to inform you that your message could not\n"
                + "be delivered to one or more recipients. It's attached below.", "#### THIS IS A WARNING ONLY.  YOU DO "
                + "NOT NEED TO RESEND YOUR MESSAGE. ####\nYour message could not be delivered for 4 hours. It will be "
                + "retried until it is 5 days old.").replace("550 5.1.1", "450 4.4.1");

        InboundMessage m = (InboundMessage) single(warning);

        assertThat(m.metadata()).containsEntry("autoReply", true);
        assertThat(m.contactKey()).isEqualTo("mailer-daemon@mx.dealer.example");
    }

    @Test
    void aBounceThatNamesNoMailStaysAnAutomaticMessage() {
        String anonymous = fixture("bounce-qmail.eml");
        anonymous = anonymous.substring(0, anonymous.indexOf("--- Below this line"));

        InboundMessage m = (InboundMessage) single(anonymous);

        assertThat(m.metadata()).containsEntry("autoReply", true);
    }

    @Test
    void anOutOfOfficeReplyIsNoBounce() {
        assertThat(normalizer.normalize(Fixtures.inbound("auto-reply-out-of-office.eml")))
                .singleElement().isInstanceOf(InboundMessage.class);
    }

    @Test
    void aCustomerWritingAboutAnUndeliverableParcelIsNoBounce() {
        String plain = fixture("plain.eml").replace("Is de blauwe Golf uit uw advertentie nog beschikbaar?",
                "Mijn pakket could not be delivered, 550 5.1.1 zegt de site. Undeliverable!");

        assertThat(single(plain)).isInstanceOf(InboundMessage.class);
        String automatic = plain.replace("Subject:", "Auto-Submitted: auto-replied\nSubject:")
                .replace("Groet,", "Message-ID: <1b2c3d4e-0000-4000-8000-000000000009@hub.test>\nGroet,");
        assertThat(single(automatic)).as("automatic, worded as a failure, a status code and a returned mail: a bounce")
                .isInstanceOf(StatusUpdate.class);
    }

    private static void assertFailed(StatusUpdate s, int n, String code, String detail, String at) {
        String hubId = "1b2c3d4e-0000-4000-8000-00000000000" + n;
        assertThat(s.providerMessageId()).isEqualTo("<" + hubId + "@hub.test>");
        assertThat(s.hubMessageId()).isEqualTo(hubId);
        assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.reason()).isEqualTo(new Reason(ReasonCodes.BOUNCED, detail, code, false));
        assertThat(s.timestamp()).isEqualTo(Instant.parse(at));
    }

    private StatusUpdate status(String fixture) {
        List<InboundEvent> events = normalizer.normalize(Fixtures.inbound(fixture));
        assertThat(events).singleElement().isInstanceOf(StatusUpdate.class);
        return (StatusUpdate) events.get(0);
    }

    private InboundEvent single(String raw) {
        List<InboundEvent> events = normalizer.normalize(new InboundPayload(TestMailboxes.TENANT, "email",
                raw.getBytes(StandardCharsets.UTF_8), Map.of(), TestEnvironment.NOW));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String fixture(String name) {
        return new String(Fixtures.bytes("inbound/" + name), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
