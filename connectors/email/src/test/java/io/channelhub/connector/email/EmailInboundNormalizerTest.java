package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Normalizes the .eml fixtures under fixtures/email/inbound. */
class EmailInboundNormalizerTest {
    private final EmailConnector connector = TestEnvironment.connector();
    private final InboundNormalizer normalizer = connector.normalizer();

    @Test
    void plainText() {
        InboundMessage m = message("plain.eml");

        assertThat(m.from()).isEqualTo(new Party("Jan.deVries@Example.nl", "Jan de Vries"));
        assertThat(m.contactKey()).isEqualTo("jan.devries@example.nl");
        assertThat(m.to()).isEqualTo(new Party("shop@dealer.example", "Dealer 42"));
        assertThat(m.providerMessageId()).isEqualTo("<CAF9k2ZbQ1x@mail.example.nl>");
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2026-11-20T08:12:00Z"));
        assertThat(m.content()).isEqualTo(new TextContent(
                "Hallo,\n\nIs de blauwe Golf uit uw advertentie nog beschikbaar?\n\nGroet,\nJan",
                "Is de auto nog beschikbaar?", null));
        assertThat(m.replyTo()).isNull();
        assertThat(m.headers().messageId()).isEqualTo("<CAF9k2ZbQ1x@mail.example.nl>");
        assertThat(m.attachments()).isEmpty();
        assertThat(m.metadata()).isEmpty();
    }

    @Test
    void htmlOnlyGetsAPlainTextRendering() {
        TextContent text = (TextContent) message("html-only.eml").content();

        assertThat(text.text()).isEqualTo("Goedemiddag,\nKan ik zaterdag een proefrit maken?\nOm 10:00 & liefst met de blauwe.\nPetra");
        assertThat(text.html()).contains("<b>zaterdag</b>");
        assertThat(text.subject()).isEqualTo("Proefrit");
    }

    @Test
    void multipartAlternativeKeepsPlainAsTextAndHtmlBeside() {
        TextContent text = (TextContent) message("multipart-alternative.eml").content();

        assertThat(text.text()).isEqualTo("Ist der Preis verhandelbar?");
        assertThat(text.html()).isEqualTo("<p>Ist der Preis <i>verhandelbar</i>?</p>");
    }

    @Test
    void isoLatin1QuotedPrintableIsDecoded() {
        InboundMessage m = message("iso-8859-1-quoted-printable.eml");
        TextContent text = (TextContent) m.content();

        assertThat(text.text()).isEqualTo(
                "Bonjour, le cabriolet est-il toujours à vendre? Le prix de 12.500\u00a0€ est-il négociable?\nRenée");
        assertThat(text.subject()).isEqualTo("Cabriolet à vendre");
        assertThat(m.from().name()).isEqualTo("Renée Müller");
    }

    @Test
    void base64Utf8IsDecoded() {
        TextContent text = (TextContent) message("base64-utf8.eml").content();

        assertThat(text.text()).isEqualTo("Kan ik de auto ophalen op dinsdag? Prijs: 12.500 € — graag bevestigen. 🚗");
        assertThat(text.subject()).isEqualTo("Ophalen 🚗");
    }

    @Test
    void attachmentsBecomeMediaWithDataSourcesTheFetcherOpens() throws Exception {
        InboundMessage m = message("attachments-pdf-and-image.eml");

        assertThat(((TextContent) m.content()).text()).isEqualTo("Hierbij het kenteken en een foto.");
        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "kentekenbewijs.pdf", null, 136L),
                new MediaContent(MediaKind.IMAGE, null, "image/png", "auto.png", null, 70L));
        assertThat(m.mediaSources()).hasSize(2);
        assertThat(m.mediaSources().get(0).mimeType()).isEqualTo("application/pdf");
        assertThat(m.mediaSources().get(0).filename()).isEqualTo("kentekenbewijs.pdf");

        MediaFetcher fetcher = connector.mediaFetcher().orElseThrow();
        MediaFetcher.FetchedMedia pdf = fetcher.fetch(m.mediaSources().get(0), TestMailboxes.tenant(Map.of(), "x"));
        assertThat(pdf.mimeType()).isEqualTo("application/pdf");
        assertThat(pdf.sizeBytes()).isEqualTo(136);
        assertThat(new String(pdf.content().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4").endsWith("%%EOF\n");
        MediaFetcher.FetchedMedia png = fetcher.fetch(m.mediaSources().get(1), TestMailboxes.tenant(Map.of(), "x"));
        assertThat(png.content().readAllBytes()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void gmailReplyIsSeparatedFromTheQuote() {
        InboundMessage m = message("reply-with-quote.eml");

        assertThat(((TextContent) m.content()).text()).isEqualTo("Ja, zaterdag om 10:00 past prima.\n\nJan");
        assertThat((String) m.metadata().get("fullText")).contains("> De Golf is nog beschikbaar.");
        assertThat(m.replyTo()).isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
        assertThat(m.headers().inReplyTo()).isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
        assertThat(m.headers().references()).containsExactly("<CAF9k2ZbQ1x@mail.example.nl>",
                "<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
        assertThat(((TextContent) m.content()).html()).contains("gmail_quote");
    }

    @Test
    void outlookReplyIsSeparatedFromTheOriginalMessage() {
        InboundMessage m = message("reply-with-quote-outlook.eml");

        assertThat(((TextContent) m.content()).text()).isEqualTo("Prima, dan kom ik dinsdag.\n\nMet vriendelijke groet,\nPetra");
        assertThat((String) m.metadata().get("fullText")).contains("dinsdag kan ook");
    }

    @Test
    void dutchReplyIsSeparatedFromTheQuote() {
        InboundMessage m = message("reply-with-quote-dutch.eml");

        assertThat(((TextContent) m.content()).text()).isEqualTo("Dinsdag om 9 uur is goed, tot dan!");
        assertThat(m.replyTo()).isEqualTo("<5b0c3d1e-2a4f-4e6b-8c7d-9e0f1a2b3c4d@hub.test>");
    }

    @Test
    void aBounceOfAHubMessageIsAFailedStatusForIt() {
        List<InboundEvent> events = normalizer.normalize(Fixtures.inbound("bounce-dsn-hub-message.eml"));

        assertThat(events).hasSize(1);
        StatusUpdate s = (StatusUpdate) events.get(0);
        assertThat(s.providerMessageId()).isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
        assertThat(s.hubMessageId()).isEqualTo("0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908");
        assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.reason().code()).isEqualTo(ReasonCodes.BOUNCED);
        assertThat(s.reason().providerCode()).isEqualTo("5.1.1");
        assertThat(s.reason().detail()).isEqualTo("smtp; 550 5.1.1 <nobody@example.org>: Recipient address "
                + "rejected: User unknown in virtual mailbox table");
        assertThat(s.reason().retryable()).isFalse();
        assertThat(s.timestamp()).isEqualTo(Instant.parse("2026-11-20T09:16:02Z"));
    }

    @Test
    void aBounceReturningTheWholeMessageIsMatchedToo() {
        StatusUpdate s = (StatusUpdate) normalizer.normalize(Fixtures.inbound("bounce-dsn-returned-message.eml")).get(0);

        assertThat(s.hubMessageId()).isEqualTo("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        assertThat(s.reason().detail()).isEqualTo(
                "smtp; 550-5.1.1 The email account that you tried to reach does not exist.");
    }

    @Test
    void aBounceOfAMessageNotMadeByThisHubKeepsOnlyTheProviderId() {
        String other = new String(Fixtures.bytes("inbound/bounce-dsn-hub-message.eml"), StandardCharsets.UTF_8)
                .replace("@hub.test>", "@other-hub.example>");

        StatusUpdate s = (StatusUpdate) normalizer.normalize(payload(other)).get(0);

        assertThat(s.providerMessageId()).isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@other-hub.example>");
        assertThat(s.hubMessageId()).isNull();
    }

    @Test
    void aBounceFromABareMailerDaemonIsStillAStatus() {
        String bare = new String(Fixtures.bytes("inbound/bounce-dsn-hub-message.eml"), StandardCharsets.UTF_8)
                .replace("From: MAILER-DAEMON@mx.dealer.example (Mail Delivery System)", "From: MAILER-DAEMON");

        assertThat(normalizer.normalize(payload(bare))).singleElement().isInstanceOf(StatusUpdate.class);
    }

    @Test
    void aDelayWarningIsDeliveredAsAnAutomaticMessage() {
        String delayed = new String(Fixtures.bytes("inbound/bounce-dsn-hub-message.eml"), StandardCharsets.UTF_8)
                .replace("Action: failed", "Action: delayed").replace("Status: 5.1.1", "Status: 4.4.1");

        InboundMessage m = (InboundMessage) normalizer.normalize(payload(delayed)).get(0);

        assertThat(m.metadata()).containsEntry("autoReply", true);
        assertThat(m.contactKey()).isEqualTo("mailer-daemon@mx.dealer.example");
    }

    @Test
    void anOutOfOfficeReplyIsFlagged() {
        InboundMessage m = message("auto-reply-out-of-office.eml");

        assertThat(m.metadata()).containsEntry("autoReply", true);
        assertThat(((TextContent) m.content()).text()).startsWith("Ich bin bis zum 30.11. nicht im Büro.");
        assertThat(m.replyTo()).isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
    }

    @Test
    void autoRepliesAreRecognizedByHeaderOrSubject() {
        String plain = new String(Fixtures.bytes("inbound/plain.eml"), StandardCharsets.UTF_8);
        for (String marker : List.of("Auto-Submitted: auto-generated", "X-Autorespond: yes", "Precedence: auto_reply",
                "Subject: Out of Office: Is de auto nog beschikbaar?", "Subject: Automatic reply: Uw offerte",
                "Subject: Afwezig: Uw offerte")) {
            String auto = plain.replace("Subject: Is de auto nog beschikbaar?",
                    marker.startsWith("Subject") ? marker : marker + "\nSubject: x");
            assertThat(((InboundMessage) normalizer.normalize(payload(auto)).get(0)).metadata())
                    .as(marker).containsEntry("autoReply", true);
        }
        String person = plain.replace("Subject: Is de auto nog beschikbaar?", "Auto-Submitted: no\nSubject: x");
        assertThat(((InboundMessage) normalizer.normalize(payload(person)).get(0)).metadata()).doesNotContainKey("autoReply");
    }

    @Test
    void aMessageWithoutMessageIdGetsAStableStandIn() {
        String noId = new String(Fixtures.bytes("inbound/plain.eml"), StandardCharsets.UTF_8)
                .replace("Message-ID: <CAF9k2ZbQ1x@mail.example.nl>\n", "");

        String first = ((InboundMessage) normalizer.normalize(payload(noId)).get(0)).providerMessageId();
        String second = ((InboundMessage) normalizer.normalize(payload(noId)).get(0)).providerMessageId();

        assertThat(first).isEqualTo(second).endsWith("@no-message-id>");
    }

    @Test
    void somethingThatIsNotAnEmailIsMalformed() {
        assertThatThrownBy(() -> normalizer.normalize(payload("{\"hello\": \"world\"}")))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> normalizer.normalize(payload("Subject: no sender\n\nbody")))
                .isInstanceOf(MalformedPayloadException.class);
    }

    private InboundMessage message(String fixture) {
        List<InboundEvent> events = normalizer.normalize(Fixtures.inbound(fixture));
        assertThat(events).hasSize(1);
        return (InboundMessage) events.get(0);
    }

    private static InboundPayload payload(String raw) {
        return new InboundPayload(TestMailboxes.TENANT, "email", raw.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "message/rfc822"), TestEnvironment.NOW);
    }
}
