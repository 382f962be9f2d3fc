package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends through a real SMTP server (GreenMail) and compares what arrived with the outbound fixtures. */
class EmailOutboundSenderTest {
    private static final List<String> COMPARED_HEADERS = List.of("Message-ID", "In-Reply-To", "References",
            "List-Unsubscribe", "List-Unsubscribe-Post");

    @RegisterExtension
    static GreenMailExtension greenMail = TestMailboxes.greenMail();

    private final EmailConnector connector = TestEnvironment.connector();

    @Test
    void plainTextGoesOutFromTheConfiguredAddressWithTheHubMessageId() throws Exception {
        SendResult result = send(Outbound.of(new TextContent("De Golf is nog beschikbaar.", "Uw offerte", null))
                .to(new Party("jan.devries@example.nl", "Jan de Vries")));

        assertThat(result.providerMessageId()).isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
        assertThat(result.billableUnits()).isEqualTo(1);
        assertMatchesFixture(received(), "outbound/text-plain.eml");
    }

    @Test
    void htmlIsSentAsAnAlternativeToThePlainText() throws Exception {
        send(Outbound.of(new TextContent("De Golf is nog beschikbaar.", "Uw offerte",
                "<p>De Golf is <b>nog beschikbaar</b>.</p>")).id("3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"));

        assertMatchesFixture(received(), "outbound/text-with-html.eml");
    }

    @Test
    void aReplyCarriesInReplyToAndTheFullReferencesChain() throws Exception {
        EmailHeaders parent = new EmailHeaders("<CAF9k2ZcR7y@mail.example.nl>", "<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>",
                List.of("<CAF9k2ZbQ1x@mail.example.nl>", "<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>"));
        send(Outbound.of(new TextContent("Tot zaterdag!", "Re: Is de auto nog beschikbaar?", null))
                .id("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d").replyTo("<CAF9k2ZcR7y@mail.example.nl>")
                .replyHeaders(parent));

        assertMatchesFixture(received(), "outbound/reply-threaded.eml");
    }

    @Test
    void aReplyKnownOnlyByItsProviderIdStillThreads() throws Exception {
        send(Outbound.of(TextContent.of("Graag gedaan.")).replyTo("CAF9k2ZcR7y@mail.example.nl"));

        MimeMessage sent = received();
        assertThat(sent.getHeader("In-Reply-To", ",")).isEqualTo("<CAF9k2ZcR7y@mail.example.nl>");
        assertThat(sent.getHeader("References", ",")).isEqualTo("<CAF9k2ZcR7y@mail.example.nl>");
    }

    @Test
    void aReplyToAHubIdPointsAtTheMessageIdTheHubGaveIt() throws Exception {
        send(Outbound.of(TextContent.of("Nog een vraag?")).id("11111111-2222-4333-8444-555555555555")
                .replyTo("0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908"));

        assertThat(received().getHeader("In-Reply-To", ","))
                .isEqualTo("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>");
    }

    @Test
    void marketingCarriesOneClickUnsubscribe() throws Exception {
        send(Outbound.of(new TextContent("Deze maand gratis winterbanden bij elke onderhoudsbeurt.",
                        "Winteractie: gratis winterbanden", null))
                .id("9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f").category(Category.MARKETING)
                .unsubscribeUrl("https://hub.example/u/dealer-042/email/Zm9vYmFy"));

        assertMatchesFixture(received(), "outbound/marketing-unsubscribe.eml");
    }

    @Test
    void onlyMarketingCarriesUnsubscribeHeaders() throws Exception {
        send(Outbound.of(TextContent.of("Uw auto is klaar.")).category(Category.TRANSACTIONAL)
                .unsubscribeUrl("https://hub.example/u/dealer-042/email/Zm9vYmFy"));

        MimeMessage sent = received();
        assertThat(sent.getHeader("List-Unsubscribe")).isNull();
        assertThat(sent.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void marketingWithoutAnHttpsUnsubscribeUrlIsNotSent() {
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> send(Outbound.of(TextContent.of("Actie!")).category(Category.MARKETING)
                        .unsubscribeUrl("http://hub.example/u/x")));

        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INTERNAL_ERROR);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMissingSubjectFallsBackToTheSenderName() throws Exception {
        send(Outbound.of(TextContent.of("Hallo")));

        assertThat(received().getSubject()).isEqualTo("Dealer 42");
    }

    @Test
    void mediaIsAttachedAndLinkedInTheText() throws Exception {
        byte[] expectedPdf = attachmentBytes(Fixtures.mime("outbound/media-attachment.eml"));
        HttpServer cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cdn.createContext("/offerte-42.pdf", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, expectedPdf.length);
            exchange.getResponseBody().write(expectedPdf);
            exchange.close();
        });
        cdn.start();
        try {
            String base = "http://127.0.0.1:" + cdn.getAddress().getPort();
            send(Outbound.of(new MediaContent(MediaKind.DOCUMENT, base + "/offerte-42.pdf", null, null,
                    "Uw offerte als PDF", null)).id("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"));

            assertMatchesFixture(received(), "outbound/media-attachment.eml", base, "https://cdn.dealer.example");
        } finally {
            cdn.stop(0);
        }
    }

    @Test
    void mediaGivenAsDataUriIsAttachedWithoutALink() throws Exception {
        send(Outbound.of(new MediaContent(MediaKind.IMAGE, "data:image/png;base64,iVBORw0KGgo=", null, "auto.png",
                null, null)));

        MimeMessage sent = received();
        List<Part> leaves = Fixtures.leaves(sent);
        assertThat(Fixtures.outline(sent)).isEqualTo("multipart/mixed[text/plain,image/png]");
        assertThat(leaves.get(1).getFileName()).isEqualTo("auto.png");
        assertThat(leaves.get(1).getInputStream().readAllBytes()).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(((String) leaves.get(0).getContent())).doesNotContain("data:");
    }

    @Test
    void aMediaDownloadThatFailsIsTransient() throws Exception {
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            TransientChannelException e = catchThrowableOfType(TransientChannelException.class, () -> send(Outbound.of(
                    new MediaContent(MediaKind.IMAGE, "http://127.0.0.1:" + port + "/x.png", null, null, null, null))));
            assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anotherSenderIsNotAllowed() {
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> send(Outbound.of(TextContent.of("Hallo")).from(new Party("ceo@dealer.example", null))));

        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.SENDER_NOT_ALLOWED);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void theConfiguredSenderMayBeNamedExplicitly() throws Exception {
        send(Outbound.of(TextContent.of("Hallo")).from(new Party("SHOP@dealer.example", "Verkoop Dealer 42")));

        InternetAddress from = (InternetAddress) received().getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(TestMailboxes.SHOP);
        assertThat(from.getPersonal()).isEqualTo("Verkoop Dealer 42");
    }

    @Test
    void anInvalidRecipientIsRejectedBeforeAnySmtpCall() {
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> send(Outbound.of(TextContent.of("Hallo")).to(new Party("not an address", null))));

        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
    }

    @Test
    void aWrongPasswordIsACredentialsFailureWithoutThePassword() {
        TenantConnector wrong = TestMailboxes.tenant(TestMailboxes.settings(greenMail), "wrong-Pa55word");
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> connector.sender().send(Outbound.of(TextContent.of("Hallo")).build(), wrong));

        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).doesNotContain("wrong-Pa55word");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsTransient() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(TestMailboxes.settings(greenMail));
        try (ServerSocket free = new ServerSocket(0)) {
            settings.put("smtpPort", String.valueOf(free.getLocalPort()));
        }
        TransientChannelException e = catchThrowableOfType(TransientChannelException.class,
                () -> connector.sender().send(Outbound.of(TextContent.of("Hallo")).build(),
                        TestMailboxes.tenant(settings, TestMailboxes.PASSWORD)));

        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).doesNotContain(TestMailboxes.PASSWORD);
    }

    private SendResult send(Outbound outbound) {
        return connector.sender().send(outbound.build(), TestMailboxes.tenant(greenMail));
    }

    private static MimeMessage received() {
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private static void assertMatchesFixture(MimeMessage sent, String fixture) throws Exception {
        assertMatchesFixture(sent, fixture, "", "");
    }

    /** Same sender, recipient, subject, threading and list headers, MIME structure, texts and attachments. */
    private static void assertMatchesFixture(MimeMessage sent, String fixture, String actualBase, String fixtureBase)
            throws Exception {
        MimeMessage expected = Fixtures.mime(fixture);
        assertThat(addresses(sent.getFrom())).isEqualTo(addresses(expected.getFrom()));
        assertThat(addresses(sent.getRecipients(Message.RecipientType.TO)))
                .isEqualTo(addresses(expected.getRecipients(Message.RecipientType.TO)));
        assertThat(sent.getSubject()).isEqualTo(expected.getSubject());
        for (String header : COMPARED_HEADERS) {
            assertThat(unfolded(sent.getHeader(header, ","))).as(header)
                    .isEqualTo(unfolded(expected.getHeader(header, ",")));
        }
        assertThat(Fixtures.outline(sent)).isEqualTo(Fixtures.outline(expected));
        List<Part> sentParts = Fixtures.leaves(sent);
        List<Part> expectedParts = Fixtures.leaves(expected);
        for (int i = 0; i < expectedParts.size(); i++) {
            Part e = expectedParts.get(i);
            Part s = sentParts.get(i);
            if (e.isMimeType("text/*")) {
                assertThat(text(s).replace(actualBase.isEmpty() ? "\u0000" : actualBase, fixtureBase))
                        .isEqualTo(text(e));
            } else {
                assertThat(s.getFileName()).isEqualTo(e.getFileName());
                assertThat(s.getDisposition()).isEqualToIgnoringCase(e.getDisposition());
                assertThat(s.getInputStream().readAllBytes()).isEqualTo(e.getInputStream().readAllBytes());
            }
        }
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return Arrays.stream(addresses).map(a -> (InternetAddress) a)
                .map(a -> a.getAddress() + "|" + a.getPersonal()).toList();
    }

    private static String unfolded(String header) {
        return header == null ? null : header.replaceAll("\\s+", " ").strip();
    }

    private static String text(Part part) throws Exception {
        return ((String) part.getContent()).replace("\r\n", "\n").strip();
    }

    private static byte[] attachmentBytes(MimeMessage m) throws Exception {
        Part attachment = Fixtures.leaves(m).get(1);
        try (InputStream in = attachment.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
