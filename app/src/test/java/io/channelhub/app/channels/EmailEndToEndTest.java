package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import io.channelhub.app.ChannelHubApplication;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email end to end through the running hub: the tenant's mailbox is GreenMail (SMTP and IMAP on loopback),
 * configured through the ops API; outbound is submitted by REST and read back from GreenMail, inbound mail is
 * delivered into the tenant's mailbox, polled by the hub and consumed from {@code hub.inbound} by a JMS client
 * over TCP, as the core platform does. Every test has its own tenant and mailbox.
 */
class EmailEndToEndTest extends HubTestBase {
    static final String PUBLIC_BASE = "https://hub.example.test";
    static final String HUB_DOMAIN = "channel-hub.local";
    static final String PASSWORD = "mailbox-Pa55-word";
    static final String PROCESSED = "$HubProcessed";
    /**
     * The tenants ask for pollSeconds 1; the connector raises that to its minimum of 5 s (mail servers block
     * clients that log in every second), so that is the interval the hub really polls at.
     */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    static final Duration INBOUND_WAIT = POLL_INTERVAL.multipliedBy(3);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}).withPerMethodLifecycle(false);

    /**
     * Outbound media must be an https URL (the hub refuses anything else at submission), so the attachment is
     * served by a WireMock with TLS only; its self-signed certificate is trusted by the test JVM's default
     * SSL context, which the connector's download client picks up when the hub starts.
     */
    static final WireMockServer MEDIA = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true)
            .dynamicHttpsPort());
    private static SSLContext previousSslDefault;

    @Value("${hub.test.broker-url}")
    String brokerUrl;
    Connection platform;
    String tenant;
    String mailbox;
    String customer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.public-base-url", () -> PUBLIC_BASE);
        registry.add("hub.polling.tick", () -> "200");
        trustTestCertificates();
        if (!MEDIA.isRunning()) {
            MEDIA.start();
        }
    }

    /**
     * Restores the JVM's TLS default, so that the next class (the PostgreSQL variant, say) installs it again.
     * The media server keeps running for that class: a stopped WireMock does not serve TLS again once restarted.
     */
    @AfterAll
    static synchronized void restoreTls() {
        MEDIA.resetAll();
        if (previousSslDefault != null) {
            SSLContext.setDefault(previousSslDefault);
            previousSslDefault = null;
        }
    }

    @BeforeEach
    void tenantMailboxAndPlatform() throws Exception {
        tenant = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        mailbox = "shop@" + tenant + ".example";
        customer = "klant." + tenant + "@example.nl";
        MAIL.setUser(mailbox, mailbox, PASSWORD);
        createTenant(port, tenant);
        platform = platformConnection(brokerUrl);
    }

    @AfterEach
    void closePlatformAndStopPolling() throws Exception {
        platform.close();
        // the connector points at this class's GreenMail; no later test should see its polling
        send("POST", "/admin/v1/tenants/" + tenant + "/connectors/email/disable", OPS, null);
    }

    // ---- outbound ------------------------------------------------------------------------------------

    @Test
    void outboundTextIsSentFromTheTenantsAddressWithTheHubsMessageId() throws Exception {
        configureEmail(port, tenant, mailbox);
        String id = submit("""
                {"channel":"email","to":{"address":"%s","name":"Jan de Vries"},
                 "content":{"type":"text","subject":"Uw offerte","text":"De Golf is beschikbaar.",
                            "html":"<p>De Golf is <b>beschikbaar</b>.</p>"},
                 "metadata":{"orderId":"E-1"}}""".formatted(customer));

        JsonNode sent = event(id, "sent");
        String messageId = "<" + id + "@" + HUB_DOMAIN + ">";
        assertThat(sent.path("providerMessageId").asText()).isEqualTo(messageId);
        assertThat(sent.path("metadata").path("orderId").asText()).isEqualTo("E-1");

        MimeMessage mail = awaitMailTo(customer);
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(mailbox);
        assertThat(mail.getFrom()).hasSize(1);
        InternetAddress to = (InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo(customer);
        assertThat(to.getPersonal()).isEqualTo("Jan de Vries");
        assertThat(mail.getSubject()).isEqualTo("Uw offerte");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(((String) alternative.getBodyPart(0).getContent()).strip()).isEqualTo("De Golf is beschikbaar.");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(((String) alternative.getBodyPart(1).getContent()).strip())
                .isEqualTo("<p>De Golf is <b>beschikbaar</b>.</p>");
        assertThat(mail.getHeader("List-Unsubscribe")).as("not marketing: no unsubscribe header").isNull();

        JsonNode view = json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body());
        assertThat(view.path("status").asText()).isEqualTo("sent");
        assertThat(view.path("providerMessageId").asText()).isEqualTo(messageId);
    }

    @Test
    void outboundMediaIsDownloadedAndAttached() throws Exception {
        byte[] pdf = "%PDF-1.4\n% offerte\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String path = "/files/" + tenant + "/offerte.pdf";
        MEDIA.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pdf").withBody(pdf)));
        configureEmail(port, tenant, mailbox);
        String url = "https://127.0.0.1:" + MEDIA.httpsPort() + path;
        String id = submit("""
                {"channel":"email","to":"%s","content":{"type":"media","mediaType":"document","url":"%s",
                 "mimeType":"application/pdf","filename":"offerte.pdf","caption":"Uw offerte"}}"""
                .formatted(customer, url));

        assertThat(event(id, "sent").path("providerMessageId").asText()).isEqualTo("<" + id + "@" + HUB_DOMAIN + ">");
        MimeMessage mail = awaitMailTo(customer);
        assertThat(mail.isMimeType("multipart/mixed")).isTrue();
        Multipart mixed = (Multipart) mail.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat((String) mixed.getBodyPart(0).getContent()).contains("Uw offerte").contains(url);
        BodyPart file = mixed.getBodyPart(1);
        assertThat(file.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("offerte.pdf");
        assertThat(file.isMimeType("application/pdf")).isTrue();
        try (InputStream in = file.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void anotherSenderIsRefusedAndNothingIsSent() throws Exception {
        configureEmail(port, tenant, mailbox);
        String id = submit("""
                {"channel":"email","from":{"address":"other@x"},"to":"%s",
                 "content":{"type":"text","text":"Van iemand anders"}}""".formatted(customer));

        JsonNode outcome = outcome(id);
        assertThat(outcome.path("status").asText()).isIn("failed", "rejected");
        assertThat(outcome.path("reason").path("code").asText()).isEqualTo("sender_not_allowed");
        assertThat(outcome.path("reason").path("retryable").asBoolean()).isFalse();
        assertThat(mailsTo(customer)).isEmpty();
        assertThat(mailsFrom("other@x")).isEmpty();
    }

    /** Issue 20: email never carries a card number (the connector's default policy), an order number goes. */
    @Test
    void aLuhnValidCardNumberIsRefusedAndALuhnInvalidOrderNumberIsSent() throws Exception {
        configureEmail(port, tenant, mailbox);
        String card = submit("""
                {"channel":"email","to":"%s",
                 "content":{"type":"text","subject":"Betaling","text":"Uw kaart 4111 1111 1111 1111 is gekoppeld"}}"""
                .formatted(customer));
        JsonNode refused = outcome(card);
        assertThat(refused.path("status").asText()).isEqualTo("rejected");
        assertThat(refused.path("reason").path("code").asText()).isEqualTo("restricted_content");
        assertThat(refused.path("reason").toString()).contains("card_number").doesNotContain("1111 1111");

        String order = submit("""
                {"channel":"email","to":"%s",
                 "content":{"type":"text","subject":"Bestelling","text":"Uw ordernummer 4111 1111 1111 1112"}}"""
                .formatted(customer));
        assertThat(event(order, "sent").path("messageId").asText()).isEqualTo(order);
        MimeMessage mail = awaitMailTo(customer);
        assertThat(mail.getSubject()).isEqualTo("Bestelling");
        assertThat(mailsTo(customer)).hasSize(1);
    }

    // ---- inbound -------------------------------------------------------------------------------------

    @Test
    void inboundMailBecomesACanonicalMessageWithStoredAttachments() throws Exception {
        byte[] raw = fixture("attachments-pdf-and-image.eml");
        deliver(raw);
        configureEmail(port, tenant, mailbox);

        TextMessage received = inbound(1).get(0);
        JsonNode m = json(received.getText());
        String conversationId = ConversationIds.derive(tenant, "email", "jan.devries@example.nl");
        assertThat(m.path("id").asText()).hasSize(36);
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("email");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo("jan.devries@example.nl");
        assertThat(m.path("from").path("name").asText()).isEqualTo("Jan de Vries");
        assertThat(m.path("to").path("address").asText()).isEqualTo(mailbox);
        assertThat(m.path("providerMessageId").asText()).isEqualTo("<attach-1@mail.example.nl>");
        assertThat(m.path("timestamp").asText()).isEqualTo("2026-11-23T13:00:00Z");
        assertThat(m.path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(received.getStringProperty("conversationId")).isEqualTo(conversationId);
        assertThat(received.getStringProperty("JMSXGroupID")).isEqualTo(conversationId);
        assertThat(received.getStringProperty("channel")).isEqualTo("email");
        JsonNode content = m.path("content");
        assertThat(content.path("type").asText()).isEqualTo("text");
        assertThat(content.path("subject").asText()).isEqualTo("Documenten voor de inruil");
        assertThat(content.path("text").asText()).isEqualTo("Hierbij het kenteken en een foto.");
        assertThat(content.path("html").asText()).isEqualTo("<div>Hierbij het kenteken en een foto.</div>");
        assertThat(m.path("headers").path("messageId").asText()).isEqualTo("<attach-1@mail.example.nl>");
        assertThat(m.path("replyTo").isMissingNode() || m.path("replyTo").isNull()).isTrue();

        Map<String, byte[]> expected = attachmentsOf(raw);
        JsonNode attachments = m.path("attachments");
        assertThat(attachments).hasSize(2);
        assertThat(attachments.get(0).path("mediaType").asText()).isEqualTo("document");
        assertThat(attachments.get(0).path("filename").asText()).isEqualTo("kentekenbewijs.pdf");
        assertThat(attachments.get(0).path("mimeType").asText()).isEqualTo("application/pdf");
        assertThat(attachments.get(1).path("mediaType").asText()).isEqualTo("image");
        assertThat(attachments.get(1).path("filename").asText()).isEqualTo("auto.png");
        assertThat(attachments.get(1).path("mimeType").asText()).isEqualTo("image/png");
        for (JsonNode attachment : attachments) {
            byte[] bytes = expected.get(attachment.path("filename").asText());
            String url = attachment.path("url").asText();
            assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/");
            assertThat(attachment.path("sizeBytes").asLong()).isEqualTo(bytes.length);
            String local = url.substring(PUBLIC_BASE.length());
            HttpResponse<byte[]> media = HTTP.send(HttpRequest.newBuilder(URI.create(url(local)))
                    .header("Authorization", "Bearer " + PLATFORM).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(media.statusCode()).isEqualTo(200);
            assertThat(media.body()).isEqualTo(bytes);
            assertThat(media.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith(attachment.path("mimeType").asText()));
            assertThat(send("GET", local, null, null).statusCode()).isEqualTo(401);
        }
        assertThat(processedFlags()).containsExactly(true);
    }

    /** Forwarded mail, archives and files typed only by their name are stored, not refused as mismatched. */
    @Test
    void attachmentsOfAnyTypeAreStored() throws Exception {
        deliver(fixture("forwarded-message-rfc822.eml"));
        deliver(fixture("attachment-gzip.eml"));
        deliver(fixture("attachment-octet-stream-named.eml"));
        configureEmail(port, tenant, mailbox);

        Map<String, JsonNode> stored = new LinkedHashMap<>();
        for (TextMessage received : inbound(3)) {
            JsonNode m = json(received.getText());
            for (JsonNode attachment : m.path("attachments")) {
                stored.put(attachment.path("filename").asText(), attachment);
            }
            if (m.path("headers").path("messageId").asText().equals("<octet-1@example.nl>")) {
                assertThat(m.path("metadata").path("executableAttachments").get(0).asText()).isEqualTo("setup.exe");
            }
        }
        assertThat(stored.keySet()).containsExactlyInAnyOrder("message.eml", "diagnose.log.gz", "Offerte 2026-114.pdf",
                "IMG_2041.JPG", "setup.exe", "data.bin");
        Map<String, String> types = Map.of("message.eml", "message/rfc822", "diagnose.log.gz", "application/gzip",
                "Offerte 2026-114.pdf", "application/pdf", "IMG_2041.JPG", "image/jpeg",
                "setup.exe", "application/x-msdownload", "data.bin", "application/octet-stream");
        for (Map.Entry<String, JsonNode> attachment : stored.entrySet()) {
            JsonNode a = attachment.getValue();
            assertThat(a.path("mimeType").asText()).as(attachment.getKey()).isEqualTo(types.get(attachment.getKey()));
            assertThat(a.path("mediaType").asText()).as(attachment.getKey()).isEqualTo("document");
            assertThat(a.path("url").asText()).as(attachment.getKey() + " stored")
                    .startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/");
            HttpResponse<byte[]> media = HTTP.send(HttpRequest.newBuilder(URI.create(url(
                    a.path("url").asText().substring(PUBLIC_BASE.length()))))
                    .header("Authorization", "Bearer " + PLATFORM).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(media.statusCode()).isEqualTo(200);
            assertThat((long) media.body().length).isEqualTo(a.path("sizeBytes").asLong());
        }
    }

    @Test
    void isoLatin1QuotedPrintableIsDecoded() throws Exception {
        deliver(fixture("iso-8859-1-quoted-printable.eml"));
        configureEmail(port, tenant, mailbox);

        JsonNode m = json(inbound(1).get(0).getText());
        assertThat(m.path("from").path("address").asText()).isEqualTo("renee@example.be");
        assertThat(m.path("from").path("name").asText()).isEqualTo("Renée Müller");
        assertThat(m.path("content").path("subject").asText()).isEqualTo("Cabriolet à vendre");
        assertThat(m.path("content").path("text").asText()).isEqualTo(
                "Bonjour, le cabriolet est-il toujours à vendre? Le prix de 12.500\u00a0€ est-il négociable?\nRenée");
        assertThat(m.path("headers").path("messageId").asText()).isEqualTo("<qp-latin1@example.be>");
    }

    @Test
    void autoReplyIsDeliveredAndFlagged() throws Exception {
        deliver(fixture("auto-reply-out-of-office.eml"));
        configureEmail(port, tenant, mailbox);

        JsonNode m = json(inbound(1).get(0).getText());
        assertThat(m.path("from").path("address").asText()).isEqualTo("klaus@example.de");
        assertThat(m.path("metadata").path("autoReply").asBoolean()).isTrue();
        assertThat(m.path("content").path("subject").asText()).isEqualTo("Automatische Antwort: Uw offerte");
    }

    // ---- threading and bounces -----------------------------------------------------------------------

    @Test
    void aCustomersReplyJoinsTheConversationAndTheAnswerKeepsTheThread() throws Exception {
        configureEmail(port, tenant, mailbox);
        String offerId = submit("""
                {"channel":"email","to":"%s","content":{"type":"text","subject":"Uw offerte",
                 "text":"De Golf is beschikbaar."}}""".formatted(customer));
        JsonNode sent = event(offerId, "sent");
        String offerMessageId = sent.path("providerMessageId").asText();
        String conversationId = json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + offerId, PLATFORM, null)
                .body()).path("conversationId").asText();
        assertThat(conversationId).isNotBlank();

        String replyMessageId = "<reply-" + tenant + "@example.nl>";
        deliver(("From: Jan de Vries <" + customer + ">\r\n"
                + "To: " + mailbox + "\r\n"
                + "Subject: Re: Uw offerte\r\n"
                + "Date: Fri, 20 Nov 2026 11:00:00 +0100\r\n"
                + "Message-ID: " + replyMessageId + "\r\n"
                + "In-Reply-To: " + offerMessageId + "\r\n"
                + "References: " + offerMessageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "Top, ik kom zaterdag.\r\n\r\n"
                + "On Fri, 20 Nov 2026 at 10:00, Dealer wrote:\r\n"
                + "> De Golf is beschikbaar.\r\n").getBytes(StandardCharsets.UTF_8));

        TextMessage received = inbound(1).get(0);
        JsonNode reply = json(received.getText());
        assertThat(reply.path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(received.getStringProperty("conversationId")).isEqualTo(conversationId);
        assertThat(reply.path("replyTo").asText()).isEqualTo(offerMessageId);
        assertThat(reply.path("headers").path("messageId").asText()).isEqualTo(replyMessageId);
        assertThat(reply.path("headers").path("inReplyTo").asText()).isEqualTo(offerMessageId);
        assertThat(reply.path("content").path("text").asText()).isEqualTo("Top, ik kom zaterdag.");

        String answerId = submit("""
                {"channel":"email","to":"%s","replyTo":"%s","content":{"type":"text","subject":"Re: Uw offerte",
                 "text":"Tot zaterdag!"}}""".formatted(customer, reply.path("id").asText()));
        event(answerId, "sent");
        MimeMessage answer = awaitMail(customer, "<" + answerId + "@" + HUB_DOMAIN + ">");
        assertThat(answer.getHeader("In-Reply-To", ",")).isEqualTo(replyMessageId);
        assertThat(answer.getHeader("References", " ").trim().split("\\s+"))
                .containsExactly(offerMessageId, replyMessageId);
        assertThat(json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + answerId, PLATFORM, null).body())
                .path("conversationId").asText()).isEqualTo(conversationId);
    }

    @Test
    void aBounceOfAHubMessageFailsIt() throws Exception {
        configureEmail(port, tenant, mailbox);
        String id = submit("""
                {"channel":"email","to":"%s","content":{"type":"text","subject":"Uw offerte","text":"Hallo"},
                 "metadata":{"ref":"bounce-1"}}""".formatted(customer));
        String messageId = event(id, "sent").path("providerMessageId").asText();

        deliver(new String(fixture("bounce-dsn-hub-message.eml"), StandardCharsets.UTF_8)
                .replace("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>", messageId)
                .replace("nobody@example.org", customer).getBytes(StandardCharsets.UTF_8));

        JsonNode failed = event(id, "failed", INBOUND_WAIT.toMillis());
        assertThat(failed.path("providerMessageId").asText()).isEqualTo(messageId);
        assertThat(failed.path("reason").path("code").asText()).isEqualTo("bounced");
        assertThat(failed.path("reason").path("providerCode").asText()).isEqualTo("5.1.1");
        assertThat(failed.path("reason").path("detail").asText()).contains("550 5.1.1");
        assertThat(failed.path("metadata").path("ref").asText()).isEqualTo("bounce-1");
        assertThat(json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body())
                .path("status").asText()).isEqualTo("failed");
        assertThat(receive(platform, "hub.inbound", tenantSelector(), 1, 1_000))
                .as("a matched bounce is a status, not an inbound message").isEmpty();
    }

    @Test
    void aBounceWhoseMessageIdARelayRewroteFailsTheLatestMessageSentToItsRecipient() throws Exception {
        configureEmail(port, tenant, mailbox);
        String earlier = submit("""
                {"channel":"email","to":"%s","content":{"type":"text","subject":"Eerder","text":"Hallo"}}"""
                .formatted(customer));
        event(earlier, "sent");
        String id = submit("""
                {"channel":"email","to":"%s","content":{"type":"text","subject":"Uw offerte","text":"Hallo"}}"""
                .formatted(customer));
        event(id, "sent");

        deliver(new String(fixture("bounce-dsn-hub-message.eml"), StandardCharsets.UTF_8)
                .replace("<0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908@hub.test>", "<0100018c-rewritten@email.amazonses.com>")
                .replace("nobody@example.org", customer.toUpperCase(java.util.Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));

        JsonNode failed = event(id, "failed", INBOUND_WAIT.toMillis());
        assertThat(failed.path("reason").path("code").asText()).isEqualTo("bounced");
        assertThat(json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + earlier, PLATFORM, null).body())
                .path("status").asText()).as("only the latest one").isEqualTo("sent");
        assertThat(receive(platform, "hub.inbound", tenantSelector(), 1, 1_000)).isEmpty();
    }

    @Test
    void aBounceInAMailSystemsOwnFormatFailsTheMessageToo() throws Exception {
        configureEmail(port, tenant, mailbox);
        String id = submit("""
                {"channel":"email","to":"%s","content":{"type":"text","subject":"Uw offerte","text":"Hallo"}}"""
                .formatted(customer));
        String messageId = event(id, "sent").path("providerMessageId").asText();

        deliver(new String(fixture("bounce-exim.eml"), StandardCharsets.UTF_8)
                .replace("<1b2c3d4e-0000-4000-8000-000000000002@hub.test>", messageId)
                .replace("gone@example.com", customer).getBytes(StandardCharsets.UTF_8));

        JsonNode failed = event(id, "failed", INBOUND_WAIT.toMillis());
        assertThat(failed.path("reason").path("code").asText()).isEqualTo("bounced");
        assertThat(failed.path("reason").path("providerCode").asText()).isEqualTo("5.1.1");
        assertThat(failed.path("reason").path("detail").asText()).isEqualTo(
                "550 5.1.1 <" + customer + ">: Recipient address rejected: User unknown");
        assertThat(json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body())
                .path("status").asText()).isEqualTo("failed");
        assertThat(receive(platform, "hub.inbound", tenantSelector(), 1, 1_000))
                .as("a bounce is a status, not an inbound message").isEmpty();
    }

    // ---- marketing and one-click unsubscribe ----------------------------------------------------------

    @Test
    void marketingCarriesAOneClickUnsubscribeThatOnlyAPostExecutes() throws Exception {
        configureEmail(port, tenant, mailbox);
        optInToMarketing(customer);
        String first = submit(marketing("Nieuwe occasions"));
        event(first, "sent");
        MimeMessage mail = awaitMail(customer, "<" + first + "@" + HUB_DOMAIN + ">");
        String listUnsubscribe = mail.getHeader("List-Unsubscribe", ",");
        assertThat(mail.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = Pattern.compile("^<(https://[^>]+)>$").matcher(listUnsubscribe);
        assertThat(link.matches()).as("List-Unsubscribe %s", listUnsubscribe).isTrue();
        String url = link.group(1);
        assertThat(url).startsWith(PUBLIC_BASE + "/unsubscribe/");
        String path = url.substring(PUBLIC_BASE.length());

        // a link scanner's GET shows the form and changes nothing
        HttpResponse<String> page = send("GET", path, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<form").contains("method=\"post\"");
        String second = submit(marketing("Nog meer occasions"));
        event(second, "sent");

        // the mail client's one-click POST (RFC 8058)
        HttpResponse<String> unsubscribed = call(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(unsubscribed.statusCode()).isEqualTo(200);

        int mailsBefore = mailsTo(customer).size();
        String third = submit(marketing("Laatste kans"));
        JsonNode rejected = outcome(third);
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("reason").path("code").asText()).isEqualTo("opted_out");
        String transactional = submit("""
                {"channel":"email","to":"%s","category":"transactional","content":{"type":"text","text":"Factuur"}}"""
                .formatted(customer));
        assertThat(outcome(transactional).path("reason").path("code").asText()).isEqualTo("opted_out");
        assertThat(mailsTo(customer)).hasSize(mailsBefore).hasSize(2);

        // forged tokens: another signature, or the payload of another contact under this signature
        String token = path.substring("/unsubscribe/".length());
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String forgedSignature = payload + "." + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        String otherContact = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (tenant + "\nemail\nsomeone.else@example.nl").getBytes(StandardCharsets.UTF_8)) + "." + signature;
        for (String forged : List.of(forgedSignature, otherContact, "not-a-token")) {
            assertThat(call(HttpRequest.newBuilder(URI.create(url("/unsubscribe/" + forged)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build()).statusCode())
                    .as("POST %s", forged).isEqualTo(404);
            assertThat(send("GET", "/unsubscribe/" + forged, null, null).statusCode()).as("GET %s", forged)
                    .isEqualTo(404);
        }
    }

    @Test
    void anUnsubscribeHoldsHoweverTheAddressIsCapitalised() throws Exception {
        configureEmail(port, tenant, mailbox);
        optInToMarketing(customer);
        String asStored = "Klant." + tenant.toUpperCase() + "@Example.NL";
        String first = submit("""
                {"channel":"email","to":"%s","category":"marketing","content":{"type":"text","subject":"Aanbod",
                 "text":"Bekijk ons aanbod."}}""".formatted(asStored));
        event(first, "sent");
        String url = awaitMail(customer, "<" + first + "@" + HUB_DOMAIN + ">").getHeader("List-Unsubscribe", ",")
                .replaceAll("^<|>$", "");
        assertThat(call(HttpRequest.newBuilder(URI.create(url(url.substring(PUBLIC_BASE.length()))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build()).statusCode())
                .isEqualTo(200);

        // the same mailbox, written as the customer's own mail client writes it
        String later = submit(marketing("Nog een aanbod"));
        JsonNode outcome = outcome(later);
        assertThat(outcome.path("status").asText()).isEqualTo("rejected");
        assertThat(outcome.path("reason").path("code").asText()).isEqualTo("opted_out");
        assertThat(mailsTo(customer)).hasSize(1);
    }

    // ---- enable / disable ------------------------------------------------------------------------------

    @Test
    void aDisabledConnectorIsNotPolledUntilEnabledAgain() throws Exception {
        deliver(simpleMail("first@example.nl", "<before-disable-" + tenant + "@example.nl>", "eerste"));
        configureEmail(port, tenant, mailbox);
        assertThat(json(inbound(1).get(0).getText()).path("content").path("text").asText()).isEqualTo("eerste");
        await().atMost(Duration.ofSeconds(5)).until(() -> processedFlags().equals(List.of(true)));

        assertThat(send("POST", "/admin/v1/tenants/" + tenant + "/connectors/email/disable", OPS, null).statusCode())
                .isEqualTo(200);
        deliver(simpleMail("second@example.nl", "<while-disabled-" + tenant + "@example.nl>", "tweede"));
        // more than two poll intervals, in which an enabled connector would have been polled at least twice
        assertThat(receive(platform, "hub.inbound", tenantSelector(), 1,
                POLL_INTERVAL.multipliedBy(2).plusSeconds(2).toMillis())).isEmpty();
        assertThat(processedFlags()).containsExactly(true, false);

        assertThat(send("POST", "/admin/v1/tenants/" + tenant + "/connectors/email/enable", OPS, null).statusCode())
                .isEqualTo(200);
        JsonNode m = json(inbound(1).get(0).getText());
        assertThat(m.path("headers").path("messageId").asText()).isEqualTo("<while-disabled-" + tenant + "@example.nl>");
        assertThat(m.path("content").path("text").asText()).isEqualTo("tweede");
    }

    // ---- restart -----------------------------------------------------------------------------------------

    @Test
    void mailPolledAcrossARestartArrivesExactlyOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-email-restart-");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = "<restart-" + i + "-" + tenant + "@example.nl>";
            expected.add(id);
            deliver(simpleMail("r" + i + "@example.nl", id, "voor de herstart " + i));
        }
        ConfigurableApplicationContext first = startHub(dataDir);
        try {
            int firstPort = localPort(first);
            createTenant(firstPort, tenant);
            configureEmail(firstPort, tenant, mailbox);
            // close while the hub is handing the mailbox over: as soon as the first mail is marked processed
            await().atMost(INBOUND_WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> processedFlags().contains(true));
        } finally {
            first.close();
        }
        for (int i = 5; i < 10; i++) {
            String id = "<restart-" + i + "-" + tenant + "@example.nl>";
            expected.add(id);
            deliver(simpleMail("r" + i + "@example.nl", id, "na de herstart " + i));
        }

        Map<String, String> secondProperties = standaloneHubProperties(dataDir);
        ConfigurableApplicationContext second = startHub(secondProperties);
        try (Connection consumer = platformConnection(secondProperties.get("hub.test.broker-url"))) {
            List<TextMessage> received = new ArrayList<>(receive(consumer, "hub.inbound", tenantSelector(), 10,
                    INBOUND_WAIT.multipliedBy(2).toMillis()));
            await().atMost(INBOUND_WAIT).until(() -> !processedFlags().contains(false));
            // absence of duplicates: anything offered twice would have followed within this time
            received.addAll(receive(consumer, "hub.inbound", tenantSelector(), 1, 3_000));
            List<String> ids = new ArrayList<>();
            for (TextMessage m : received) {
                ids.add(json(m.getText()).path("headers").path("messageId").asText());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(10);
            assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            second.close();
        }
    }

    // ---- helpers: the hub ------------------------------------------------------------------------------

    String tenantSelector() {
        return "tenantId = '" + tenant + "'";
    }

    static JsonNode json(String s) throws IOException {
        return HubJson.mapper().readTree(s);
    }

    /** Marketing goes only to a contact with a recorded opt-in (issue 20): the platform records one. */
    void optInToMarketing(String address) {
        assertThat(send("POST", "/api/v1/tenants/" + tenant + "/contacts/" + address + "/consent", PLATFORM,
                "{\"channel\":\"email\",\"scope\":\"marketing\",\"state\":\"opted_in\","
                        + "\"evidence\":\"newsletter sign-up on the dealer's site\"}").statusCode()).isEqualTo(201);
    }

    String marketing(String subject) {
        return """
                {"channel":"email","to":"%s","category":"marketing","content":{"type":"text","subject":"%s",
                 "text":"Bekijk ons aanbod."}}""".formatted(customer, subject);
    }

    String submit(String json) throws IOException {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r.body()).path("id").asText();
    }

    JsonNode event(String messageId, String status) throws Exception {
        return event(messageId, status, 15_000);
    }

    /** The status event of one message with the given status. */
    JsonNode event(String messageId, String status, long timeoutMillis) throws Exception {
        List<TextMessage> events = receive(platform, "hub.events", tenantSelector() + " AND status = '" + status
                + "'", 1, timeoutMillis);
        assertThat(events).as("%s event of %s", status, messageId).hasSize(1);
        JsonNode event = json(events.get(0).getText());
        assertThat(event.path("messageId").asText()).isEqualTo(messageId);
        return event;
    }

    /** The final event (failed or rejected, or sent) of one message. */
    JsonNode outcome(String messageId) throws Exception {
        List<TextMessage> events = receive(platform, "hub.events", tenantSelector()
                + " AND status IN ('sent', 'failed', 'rejected')", 1, 15_000);
        assertThat(events).as("outcome of %s", messageId).hasSize(1);
        JsonNode event = json(events.get(0).getText());
        assertThat(event.path("messageId").asText()).isEqualTo(messageId);
        return event;
    }

    List<TextMessage> inbound(int count) throws JMSException {
        List<TextMessage> received = receive(platform, "hub.inbound", tenantSelector(), count,
                INBOUND_WAIT.toMillis());
        assertThat(received).as("inbound messages of %s", tenant).hasSize(count);
        return received;
    }

    static void createTenant(int hubPort, String tenantId) {
        HttpResponse<String> r = request(hubPort, "PUT", "/admin/v1/tenants/" + tenantId, OPS,
                "{\"name\":\"" + tenantId + "\"}");
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    }

    /**
     * The tenant's email connector (CONTRACT §4 keys), pointing at this class's GreenMail. GreenMail speaks
     * plain IMAP, so the connector's own {@code imapSecurity} key says so: without it IMAP on a port other
     * than 993 requires STARTTLS.
     */
    static void configureEmail(int hubPort, String tenantId, String mailbox) throws IOException {
        String body = """
                {"enabled":true,
                 "settings":{"fromAddress":"%s","smtpHost":"127.0.0.1","smtpPort":"%d","smtpSecurity":"none",
                             "imapHost":"127.0.0.1","imapPort":"%d","imapSecurity":"none","username":"%s",
                             "pollSeconds":"1"},
                 "secrets":{"password":"%s"}}""".formatted(mailbox, MAIL.getSmtp().getPort(),
                MAIL.getImap().getPort(), mailbox, PASSWORD);
        HttpResponse<String> r = request(hubPort, "PUT", "/admin/v1/tenants/" + tenantId + "/connectors/email", OPS,
                body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode view = json(r.body());
        assertThat(view.path("health").asText()).as(r.body()).isEqualTo("ok");
        assertThat(view.path("secrets").path("password").asText()).isEqualTo("***");
        assertThat(r.body()).doesNotContain(PASSWORD);
    }

    static HttpResponse<String> request(int hubPort, String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What {@link #h2} gives the test hub, for a hub started by hand on {@code dataDir}: its own broker port
     * and an ephemeral HTTP port, plus the email settings of this class.
     */
    static Map<String, String> standaloneHubProperties(Path dataDir) throws IOException {
        Map<String, Supplier<Object>> collected = new LinkedHashMap<>();
        h2(collected::put);
        Map<String, String> properties = new LinkedHashMap<>();
        collected.forEach((name, value) -> properties.put(name, String.valueOf(value.get())));
        Files.deleteIfExists(Path.of(properties.get("hub.data-dir"))); // h2's own temp dir, unused here
        properties.put("hub.data-dir", dataDir.toString());
        properties.put("hub.public-base-url", PUBLIC_BASE);
        properties.put("hub.polling.tick", "200");
        properties.put("server.port", "0");
        return properties;
    }

    static ConfigurableApplicationContext startHub(Path dataDir) throws IOException {
        return startHub(standaloneHubProperties(dataDir));
    }

    /**
     * Starts a hub in this JVM. The properties go in as command-line arguments: given as
     * {@code SpringApplicationBuilder.properties(...)} they would be defaults, which the packaged
     * application.yaml (data dir ./data, broker port 61616, server port 8080) overrides.
     */
    static ConfigurableApplicationContext startHub(Map<String, String> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ChannelHubApplication.class).run(args);
    }

    static int localPort(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    // ---- helpers: the mailboxes ------------------------------------------------------------------------

    /** An inbound fixture of the email connector, addressed to this test's mailbox. */
    byte[] fixture(String name) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("connectors/email"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root").isNotNull();
        String text = Files.readString(dir.resolve("connectors/email/src/test/resources/fixtures/email/inbound/" + name),
                StandardCharsets.ISO_8859_1);
        return text.replace("shop@dealer.example", mailbox).getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] simpleMail(String from, String messageId, String text) {
        return ("From: " + from + "\r\nTo: " + mailbox + "\r\nSubject: Vraag\r\nDate: Sat, 21 Nov 2026 09:00:00 +0100\r\n"
                + "Message-ID: " + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Puts a raw message into the tenant's mailbox, as its mail server would on receipt. */
    void deliver(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        MAIL.getUserManager().getUserByEmail(mailbox).deliver(message);
    }

    /** Per message in the tenant's inbox, in order: whether the hub marked it processed. */
    List<Boolean> processedFlags() throws Exception {
        GreenMailUser user = MAIL.getUserManager().getUserByEmail(mailbox);
        List<Boolean> flags = new ArrayList<>();
        for (StoredMessage m : MAIL.getManagers().getImapHostManager().getInbox(user).getMessages()) {
            Flags f = m.getFlags();
            flags.add(f.contains(PROCESSED) || f.contains(Flags.Flag.SEEN));
        }
        return flags;
    }

    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            jakarta.mail.Address[] to = m.getRecipients(Message.RecipientType.TO);
            if (to != null && ((InternetAddress) to[0]).getAddress().equalsIgnoreCase(address)) {
                found.add(m);
            }
        }
        return found;
    }

    static List<MimeMessage> mailsFrom(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            jakarta.mail.Address[] from = m.getFrom();
            if (from != null && ((InternetAddress) from[0]).getAddress().equalsIgnoreCase(address)) {
                found.add(m);
            }
        }
        return found;
    }

    static MimeMessage awaitMailTo(String address) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address), l -> l.size() == 1).get(0);
    }

    static MimeMessage awaitMail(String address, String messageId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address).stream()
                        .filter(m -> messageId.equals(messageIdOf(m))).toList(), l -> l.size() == 1).get(0);
    }

    private static String messageIdOf(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    /** Attachment bytes by file name, read from the raw message independently of the hub. */
    static Map<String, byte[]> attachmentsOf(byte[] raw) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        Map<String, byte[]> files = new LinkedHashMap<>();
        Multipart mixed = (Multipart) m.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            BodyPart part = mixed.getBodyPart(i);
            if (part.getFileName() != null) {
                try (InputStream in = part.getInputStream()) {
                    files.put(part.getFileName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    // ---- helpers: TLS for the media server ----------------------------------------------------------------

    private static synchronized void trustTestCertificates() {
        if (previousSslDefault != null) {
            return;
        }
        try {
            previousSslDefault = SSLContext.getDefault();
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, new TrustManager[] {new TrustingManager()}, new SecureRandom());
            SSLContext.setDefault(trusting);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts the test servers' self-signed certificates (test JVM only). */
    private static final class TrustingManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
