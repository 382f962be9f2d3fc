package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Messenger connector end to end through the running hub: Meta's Page webhooks (handshake, signed events,
 * attachments, statuses, echoes) in, the Send API (a WireMock fake) out, the core platform's JMS client over
 * TCP and the REST API on the other side. Payloads are the connector's fixtures, written from Meta's docs.
 */
class MessengerEndToEndTest extends ChannelHubTest {
    static final String VERSION = "v26.0";
    /** The Page and the person of the fixtures, replaced by each test's own. */
    static final String FIXTURE_PAGE_ID = "104958162837465";
    static final String FIXTURE_PSID = "7423016589321467";
    /** The events' time in the fixtures, replaced by now: the service window counts from it. */
    static final String FIXTURE_TIME = "1795169731000";

    @DynamicPropertySource
    static void messengerProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.messenger.base-url", PROVIDER::baseUrl);
    }

    @Autowired
    JdbcClient jdbc;

    String pageId;
    String psid;
    String pageToken;
    String appSecret;
    String verifyToken;

    @BeforeEach
    void tenantWithMessenger() throws Exception {
        pageId = digits(15);
        psid = digits(16);
        pageToken = "EAAG" + UUID.randomUUID().toString().replace("-", "");
        appSecret = "app-secret-" + tenant;
        verifyToken = "verify-" + tenant;
        createTenant();
        // The credential check on save: GET /{version}/{page-id}?fields=id,name with the Page token.
        PROVIDER.stubFor(get(urlEqualTo("/" + VERSION + "/" + pageId + "?fields=id,name"))
                .withHeader("Authorization", equalTo("Bearer " + pageToken))
                .willReturn(okJson(fixture("messenger/page.json").replace(FIXTURE_PAGE_ID, pageId))));
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(okJson(
                "{\"recipient_id\":\"{{jsonPath request.body '$.recipient.id'}}\",\"message_id\":\"m_"
                        + "{{randomValue length=40 type='ALPHANUMERIC'}}\"}").withTransformers("response-template")));
        JsonNode saved = putConnector("messenger", "{\"enabled\":true,\"settings\":{\"pageId\":\"" + pageId
                + "\"},\"secrets\":{\"pageAccessToken\":\"" + pageToken + "\",\"appSecret\":\"" + appSecret
                + "\",\"verifyToken\":\"" + verifyToken + "\"}}");
        assertThat(saved.path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("settings").path("pageId").asText()).isEqualTo(pageId);
        assertThat(saved.path("secrets").path("pageAccessToken").asText()).isEqualTo("***");
        assertThat(saved.toString()).doesNotContain(pageToken).doesNotContain(appSecret).doesNotContain(verifyToken);
        assertThat(saved.path("webhookUrl").asText()).isEqualTo(PUBLIC_BASE + "/webhooks/messenger/" + tenant);
    }

    // ---- webhook subscription and signed events --------------------------------------------------------

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        String query = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";
        HttpResponse<String> ok = send("GET", "/webhooks/messenger/" + tenant + query + verifyToken, null, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(send("GET", "/webhooks/messenger/" + tenant + query + "wrong", null, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/webhooks/messenger" + query + verifyToken, null, null).body()).isEqualTo("1158201444");
    }

    @Test
    void signedTextWebhookBecomesOneCanonicalMessageOnHubInbound() throws Exception {
        String body = webhook("messenger/text.json");
        assertThat(postUnsigned("/webhooks/messenger/" + tenant, body).statusCode()).isEqualTo(401);
        assertThat(postSigned("/webhooks/messenger/" + tenant, body, "not-the-app-secret").statusCode()).isEqualTo(401);
        for (int i = 0; i < 2; i++) {
            assertThat(postSigned("/webhooks/messenger/" + tenant, body, appSecret).statusCode()).isEqualTo(200);
        }

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        assertThat(inbound(1, 1_500)).as("Meta's retry is no second message").isEmpty();
        TextMessage jms = received.get(0);
        JsonNode m = json(jms.getText());
        assertThat(UUID.fromString(m.path("id").asText())).isNotNull();
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("messenger");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo(psid);
        assertThat(m.path("to").path("address").asText()).isEqualTo(pageId);
        assertThat(m.path("conversationId").asText()).isNotBlank();
        assertThat(m.path("providerMessageId").asText()).isEqualTo("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSd"
                + "jfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P");
        assertThat(Instant.parse(m.path("timestamp").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(m.path("content").path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").path("text").asText()).isEqualTo("Is de auto nog beschikbaar?");
        assertThat(jms.getStringProperty("channel")).isEqualTo("messenger");
        assertThat(jms.getStringProperty("conversationId")).isEqualTo(m.path("conversationId").asText());
    }

    @Test
    void platformWideWebhookFindsTheTenantByPageId() throws Exception {
        assertThat(postSigned("/webhooks/messenger", webhook("messenger/text.json"), appSecret).statusCode())
                .isEqualTo(200);
        List<TextMessage> received = inbound(1, 5_000);
        assertThat(received).hasSize(1);
        assertThat(json(received.get(0).getText()).path("tenantId").asText()).isEqualTo(tenant);

        String unknown = fixture("messenger/text.json").replace(FIXTURE_PAGE_ID, digits(15));
        assertThat(postSigned("/webhooks/messenger", unknown, appSecret).statusCode()).isEqualTo(404);
    }

    @Test
    void quickReplyIsAChoiceResponse() throws Exception {
        assertThat(postSigned("/webhooks/messenger/" + tenant, webhook("messenger/quick-reply.json"), appSecret)
                .statusCode()).isEqualTo(200);
        JsonNode content = json(inbound(1, 10_000).get(0).getText()).path("content");
        assertThat(content.path("type").asText()).isEqualTo("choice_response");
        assertThat(content.path("id").asText()).isEqualTo("slot-saturday");
        assertThat(content.path("title").asText()).isEqualTo("Zaterdag");
    }

    @Test
    void inboundImageIsFetchedFromTheCdnIntoHubStorageWithoutTheToken() throws Exception {
        byte[] jpeg = new byte[2048];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 17 + 3);
        }
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        String cdnPath = "/v/t1.15752-9/photo-" + digits(6) + ".jpg?_nc_cat=1&oh=abc&oe=6790";
        PROVIDER.stubFor(get(urlEqualTo(cdnPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        String body = webhook("messenger/image.json").replace(
                "https://scontent.xx.fbcdn.net/v/t1.15752-9/photo-1.jpg?_nc_cat=1&oh=abc&oe=6790",
                PROVIDER.baseUrl() + cdnPath);
        assertThat(postSigned("/webhooks/messenger/" + tenant, body, appSecret).statusCode()).isEqualTo(200);

        JsonNode m = json(inbound(1, 10_000).get(0).getText());
        JsonNode content = m.path("content");
        assertThat(content.path("type").asText()).isEqualTo("media");
        assertThat(content.path("mediaType").asText()).isEqualTo("image");
        assertThat(content.path("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(content.path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        String url = content.path("url").asText();
        assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/")
                .doesNotContain(PROVIDER.baseUrl()).doesNotContain("fbcdn");
        assertThat(getPublished(url, PLATFORM).body()).isEqualTo(jpeg);
        PROVIDER.verify(1, getRequestedFor(urlEqualTo(cdnPath)).withHeader("Authorization", absent()));
    }

    @Test
    void anUnsendIsAMessageDeletedEventNamingTheHubsMessageOnce() throws Exception {
        String mid = "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P";
        assertThat(postSigned("/webhooks/messenger/" + tenant, webhook("messenger/text.json"), appSecret)
                .statusCode()).isEqualTo(200);
        String hubId = json(inbound(1, 10_000).get(0).getText()).path("id").asText();
        String unsend = webhook("messenger/message-unsend.json").replace("m_unsent01", mid);
        for (int i = 0; i < 2; i++) {
            assertThat(postSigned("/webhooks/messenger/" + tenant, unsend, appSecret).statusCode()).isEqualTo(200);
        }
        List<TextMessage> deleted = receive(platform, "hub.events",
                "tenantId = '" + tenant + "' AND type = 'message_deleted'", 2, 5_000);
        assertThat(deleted).as("Meta's retry is no second event").hasSize(1);
        JsonNode e = json(deleted.get(0).getText());
        assertThat(e.path("type").asText()).isEqualTo("message_deleted");
        assertThat(e.path("channel").asText()).isEqualTo("messenger");
        assertThat(e.path("contact").asText()).isEqualTo(psid);
        assertThat(e.path("messageId").asText()).isEqualTo(hubId);
        assertThat(e.path("providerMessageId").asText()).isEqualTo(mid);
        assertThat(e.path("conversationId").asText()).isNotBlank();
        assertThat(deleted.get(0).getStringProperty("conversationId")).isEqualTo(e.path("conversationId").asText());
        assertThat(inbound(1, 1_000)).as("an unsend is no chat message").isEmpty();
    }

    @Test
    void notificationOptInsAreMarketingConsentAndAStopLeavesRepliesAllowed() throws Exception {
        inboundText("Hoi");
        // Meta may deliver the later STOP first: the contact's latest word wins, by Meta's timestamps
        String stop = fixture("messenger/optin-stop-notifications.json").replace(FIXTURE_PAGE_ID, pageId)
                .replace(FIXTURE_PSID, psid).replace(FIXTURE_TIME, String.valueOf(Instant.now().toEpochMilli() + 1000));
        assertThat(postSigned("/webhooks/messenger/" + tenant, stop, appSecret).statusCode()).isEqualTo(200);
        assertThat(postSigned("/webhooks/messenger/" + tenant, webhook("messenger/optin-notification-messages.json"),
                appSecret).statusCode()).isEqualTo(200);
        List<TextMessage> consent = receive(platform, "hub.events",
                "tenantId = '" + tenant + "' AND type = 'consent_changed'", 2, 5_000);
        assertThat(consent).extracting(m -> json(m.getText()).path("consent").asText())
                .containsExactlyInAnyOrder("opted_in", "opted_out");
        JsonNode stopEvent = consent.stream().map(m -> {
            try {
                return json(m.getText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> "opted_out".equals(e.path("consent").asText())).findFirst().orElseThrow();
        assertThat(stopEvent.path("consentScope").asText()).isEqualTo("marketing");
        assertThat(stopEvent.path("details").path("optinStatus").asText()).isEqualTo("STOP_NOTIFICATIONS");
        assertThat(jdbc.sql("select marketing_consent from contacts where tenant_id = ? and address = ?")
                .params(tenant, psid).query(String.class).single()).isEqualTo("opted_out");

        String reply = submitAccepted(text("Graag gedaan!", "{}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(reply)));
    }

    @Test
    void aStandbyMessageIsAnEventAndNeverTheHubsChat() throws Exception {
        assertThat(postSigned("/webhooks/messenger/" + tenant, webhook("messenger/standby-message.json"), appSecret)
                .statusCode()).isEqualTo(200);
        List<TextMessage> standby = receive(platform, "hub.events",
                "tenantId = '" + tenant + "' AND type = 'standby'", 1, 5_000);
        assertThat(standby).hasSize(1);
        assertThat(json(standby.get(0).getText()).path("details").path("event").path("message").path("text")
                .asText()).isEqualTo("Hallo, ik heb een vraag over mijn bestelling");
        assertThat(inbound(1, 1_000)).isEmpty();
    }

    // ---- outbound ------------------------------------------------------------------------------------------

    @Test
    void typingAndMarkSeenAreSenderActionsSentAtOnce() throws Exception {
        String path = "/api/v1/tenants/" + tenant + "/channels/messenger/contacts/" + psid + "/signals";
        for (String signal : List.of("typing_on", "mark_seen")) {
            assertThat(send("POST", path, PLATFORM, "{\"signal\":\"" + signal + "\"}").statusCode())
                    .isEqualTo(204);
            PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                    .withHeader("Authorization", equalTo("Bearer " + pageToken))
                    .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + psid + "\"},\"sender_action\":\""
                            + signal + "\"}")));
        }
        HttpResponse<String> bad = send("POST", path, PLATFORM, "{\"signal\":\"dancing\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("typing_on");
        assertThat(send("POST", path.replace("/messenger/", "/sms/"), PLATFORM, "{\"signal\":\"typing_on\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aReplyInsideTheWindowIsSentAsResponseAndDeliveryAndReadFollowIt() throws Exception {
        inboundText("Is de auto nog beschikbaar?");
        String mid = "m_" + digits(30);
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withRequestBody(matchingJsonPath("$.recipient.id",
                equalTo(psid))).willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"" + mid + "\"}")));
        String id = submitAccepted(text("Ja! Kom gerust langs.", "{\"orderId\":\"A-7\"}"));

        List<JsonNode> events = events(null, 2, 10_000);
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("accepted", "sent");
        assertThat(events.get(1).path("providerMessageId").asText()).isEqualTo(mid);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withHeader("Authorization", equalTo("Bearer " + pageToken))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"recipient":{"id":"%s"},"messaging_type":"RESPONSE",
                         "message":{"text":"Ja! Kom gerust langs.","metadata":"channel-hub:%s"}}"""
                        .formatted(psid, id))));

        // The echo of the hub's own send adds no message; the delivery names the mid, the read is a watermark.
        long now = Instant.now().toEpochMilli();
        assertThat(postSigned("/webhooks/messenger/" + tenant, webhook("messenger/echo-of-hub-send.json")
                .replace("0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00", id).replace("m_hubsend01", mid), appSecret)
                .statusCode()).isEqualTo(200);
        assertThat(postSigned("/webhooks/messenger/" + tenant, statusWebhook(
                "\"delivery\":{\"mids\":[\"" + mid + "\"],\"watermark\":" + (now + 1) + "}", now + 1), appSecret)
                .statusCode()).isEqualTo(200);
        List<JsonNode> delivered = events("delivered", 1, 10_000);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(delivered.get(0).path("metadata").path("orderId").asText()).isEqualTo("A-7");
        assertThat(view(id).path("history")).extracting(h -> h.path("status").asText())
                .containsExactly("accepted", "sent", "delivered");

        // A read names no message: it is a watermark, and every message sent to the person by then is read.
        String mid2 = "m_" + digits(30);
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withRequestBody(matchingJsonPath("$.recipient.id",
                equalTo(psid))).willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"" + mid2 + "\"}")));
        String second = submitAccepted(text("Tot zaterdag!", "{}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(second)));
        events(null, 2, 5_000); // accepted + sent of the second
        long readAt = Instant.now().toEpochMilli();
        assertThat(postSigned("/webhooks/messenger/" + tenant, statusWebhook(
                "\"read\":{\"watermark\":" + readAt + "}", readAt), appSecret).statusCode()).isEqualTo(200);
        List<JsonNode> read = events("read", 3, 10_000);
        assertThat(read).extracting(e -> e.path("messageId").asText()).containsExactlyInAnyOrder(id, second);
        assertThat(read).allSatisfy(e -> assertThat(e.path("timestamp").asText())
                .isEqualTo(Instant.ofEpochMilli(readAt).toString()));
        assertThat(inbound(1, 1_000)).as("the echo of the hub's send is not a message").isEmpty();
    }

    @Test
    void aBotReplyOutsideTheWindowIsRejectedBeforeAnyGraphCall() throws Exception {
        String id = submitAccepted(text("Nog interesse in de Golf?", "{}"));
        List<JsonNode> rejected = events("rejected", 1, 5_000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(rejected.get(0).path("reason").path("code").asText()).isEqualTo("outside_service_window");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(messagesPath())));
    }

    @Test
    void error551FailsAsNotReachableWithoutRetry() throws Exception {
        inboundText("Hallo");
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(json(400,
                fixture("messenger/error-551-not-available.json"))));
        String id = submitAccepted(text("Bent u er nog?", "{}"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("not_reachable_on_channel");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("551");
        Thread.sleep(700); // time in which a retry would have happened
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath())));
    }

    @Test
    void anExpiredTokenMarksTheConnectorUnhealthy() throws Exception {
        inboundText("Hallo");
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(json(401,
                fixture("messenger/error-190-token-expired.json"))));
        submitAccepted(text("Hallo terug", "{}"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("authentication_failed");
        await().atMost(Duration.ofSeconds(5)).until(() -> !"ok".equals(connectorView("messenger").path("health").asText()));
    }

    /** A message the Page wrote in Meta Business Suite reaches the platform as an outbound message. */
    @Test
    void aMessageThePageSentElsewhereReachesThePlatform() throws Exception {
        assertThat(postSigned("/webhooks/messenger/" + tenant, webhook("messenger/echo-from-business-suite.json"),
                appSecret).statusCode()).isEqualTo(200);
        JsonNode m = json(inbound(1, 10_000).get(0).getText());
        assertThat(m.path("from").path("address").asText()).isEqualTo(pageId);
        assertThat(m.path("to").path("address").asText()).isEqualTo(psid);
        assertThat(m.path("direction").asText()).isEqualTo("outbound");
        assertThat(m.path("conversationId").asText()).isNotBlank();
        assertThat(m.path("content").path("text").asText()).isEqualTo("Graag gedaan, tot zaterdag!");
        // It opens no service window: the person wrote nothing.
        submitAccepted(text("Nog vragen?", "{}"));
        assertThat(events("rejected", 1, 5_000)).hasSize(1);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    String messagesPath() {
        return "/" + VERSION + "/" + pageId + "/messages";
    }

    /** A fixture for this test's Page and person, happening now. */
    String webhook(String fixture) {
        return fixture(fixture).replace(FIXTURE_PAGE_ID, pageId).replace(FIXTURE_PSID, psid)
                .replace(FIXTURE_TIME, String.valueOf(Instant.now().toEpochMilli()));
    }

    String text(String text, String metadata) {
        return "{\"channel\":\"messenger\",\"to\":\"" + psid + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                + "\"},\"metadata\":" + metadata + "}";
    }

    /** An inbound text from this test's person, delivered to the platform: opens the service window. */
    void inboundText(String text) throws Exception {
        String body = webhook("messenger/text.json").replace("Is de auto nog beschikbaar?", text)
                .replace("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM", "m_" + digits(12));
        assertThat(postSigned("/webhooks/messenger/" + tenant, body, appSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 5_000)).hasSize(1);
    }

    String statusWebhook(String event, long millis) {
        return """
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[
                  {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,%s}]}]}"""
                .formatted(pageId, millis, psid, pageId, millis, event);
    }

    /** A POST as Meta makes it: X-Hub-Signature-256 = sha256=hex(HMAC-SHA256(app secret, exact body bytes)). */
    HttpResponse<String> postSigned(String path, String body, String secret) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return call(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    HttpResponse<String> postUnsigned(String path, String body) {
        return call(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return json(200, body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
