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
import static io.channelhub.app.channels.MessengerEndToEndTest.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.signature.HmacSignatures;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.channelhub.routes.port.Renewals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Instagram connector end to end through the running hub, in the Instagram Login setup: signed Instagram
 * webhooks in, graph.instagram.com (a WireMock fake under {@code /ig}) out, the core platform's JMS client over
 * TCP and the REST API on the other side. Payloads are the connector's fixtures, written from Meta's docs.
 */
class InstagramEndToEndTest extends ChannelHubTest {
    static final String VERSION = "v26.0";
    /** The account and the person of the fixtures, replaced by each test's own. */
    static final String FIXTURE_ACCOUNT_ID = "17841405822304914";
    static final String FIXTURE_IGSID = "1283746501928374";
    /** The events' time in the fixtures, replaced by the time a test needs: the service window counts from it. */
    static final String FIXTURE_TIME = "1795169731000";
    static final String FIXTURE_CDN_URL =
            "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1839201746352810&signature=AbzQ3x";

    @DynamicPropertySource
    static void instagramProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.instagram.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.instagram.instagram-base-url", () -> PROVIDER.baseUrl() + "/ig");
    }

    @Autowired
    Renewals renewals;
    @Autowired
    JdbcClient jdbc;

    String accountId;
    String igsid;
    String token;
    String appSecret;
    String verifyToken;

    @BeforeEach
    void tenantWithInstagram() throws Exception {
        accountId = "1784" + digits(13);
        igsid = digits(16);
        token = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        appSecret = "ig-app-secret-" + tenant;
        verifyToken = "ig-verify-" + tenant;
        createTenant();
        // The credential check on save: GET /{version}/{ig-id}?fields=id,username with the Instagram user token.
        PROVIDER.stubFor(get(urlEqualTo("/ig/" + VERSION + "/" + accountId + "?fields=id,username"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(fixture("instagram/account.json").replace(FIXTURE_ACCOUNT_ID, accountId))));
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(okJson(
                "{\"recipient_id\":\"{{jsonPath request.body '$.recipient.id'}}\",\"message_id\":\"aWdf"
                        + "{{randomValue length=40 type='ALPHANUMERIC'}}\"}").withTransformers("response-template")));
        JsonNode saved = putConnector("instagram", "{\"enabled\":true,\"settings\":{\"instagramAccountId\":\""
                + accountId + "\",\"instagramSetup\":\"instagramLogin\"},\"secrets\":{\"pageAccessToken\":\"" + token
                + "\",\"appSecret\":\"" + appSecret + "\",\"verifyToken\":\"" + verifyToken + "\"}}");
        assertThat(saved.path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("settings").path("instagramAccountId").asText()).isEqualTo(accountId);
        assertThat(saved.path("secrets").path("pageAccessToken").asText()).isEqualTo("***");
        assertThat(saved.toString()).doesNotContain(token).doesNotContain(appSecret).doesNotContain(verifyToken);
        assertThat(saved.path("webhookUrl").asText()).isEqualTo(PUBLIC_BASE + "/webhooks/instagram/" + tenant);
    }

    // ---- webhook subscription and signed events --------------------------------------------------------

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        String query = "?hub.mode=subscribe&hub.challenge=2093847561&hub.verify_token=";
        HttpResponse<String> ok = send("GET", "/webhooks/instagram/" + tenant + query + verifyToken, null, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("2093847561");
        assertThat(send("GET", "/webhooks/instagram/" + tenant + query + "wrong", null, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void signedTextWebhookBecomesOneCanonicalMessageOnHubInbound() throws Exception {
        String body = webhook("instagram/text.json");
        assertThat(send("POST", "/webhooks/instagram/" + tenant, null, body).statusCode()).isEqualTo(401);
        assertThat(postSigned(body, "not-the-app-secret").statusCode()).isEqualTo(401);
        for (int i = 0; i < 2; i++) {
            assertThat(postSigned(body, appSecret).statusCode()).isEqualTo(200);
        }

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        assertThat(inbound(1, 1_500)).as("Meta's retry is no second message").isEmpty();
        TextMessage jms = received.get(0);
        JsonNode m = json(jms.getText());
        assertThat(UUID.fromString(m.path("id").asText())).isNotNull();
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("instagram");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo(igsid);
        assertThat(m.path("to").path("address").asText()).isEqualTo(accountId);
        assertThat(m.path("conversationId").asText()).isNotBlank();
        assertThat(m.path("providerMessageId").asText()).startsWith("aWdfZAG1faXRlbToxOklHTWVzc2FnZ");
        assertThat(Instant.parse(m.path("timestamp").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(m.path("content").path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").path("text").asText()).isEqualTo("Is the blue Golf still available?");
        assertThat(jms.getStringProperty("channel")).isEqualTo("instagram");
        assertThat(jms.getStringProperty("conversationId")).isEqualTo(m.path("conversationId").asText());
    }

    @Test
    void platformWideWebhookFindsTheTenantByInstagramAccountId() throws Exception {
        assertThat(postSigned("/webhooks/instagram", webhook("instagram/text.json"), appSecret).statusCode())
                .isEqualTo(200);
        List<TextMessage> received = inbound(1, 5_000);
        assertThat(received).hasSize(1);
        assertThat(json(received.get(0).getText()).path("tenantId").asText()).isEqualTo(tenant);

        String unknown = fixture("instagram/text.json").replace(FIXTURE_ACCOUNT_ID, "1784" + digits(13));
        assertThat(postSigned("/webhooks/instagram", unknown, appSecret).statusCode()).isEqualTo(404);
    }

    @Test
    void aStoryMentionPassesTheCdnLinkOnAndTheHubStoresNothing() throws Exception {
        assertThat(postSigned(webhook("instagram/story-mention.json"), appSecret).statusCode()).isEqualTo(200);
        JsonNode m = json(inbound(1, 10_000).get(0).getText());
        assertThat(m.path("content").path("type").asText()).isEqualTo("media");
        assertThat(m.path("content").path("url").asText())
                .isEqualTo("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=9911002233&signature=StoryM");
        assertThat(m.path("metadata").path("storyMention").asBoolean()).isTrue();
        assertThat(m.path("metadata").path("mediaStored").asBoolean(true)).isFalse();
        PROVIDER.verify(0, getRequestedFor(urlEqualTo("/ig_messaging_cdn/?asset_id=9911002233&signature=StoryM")));
    }

    @Test
    void inboundImageIsFetchedFromTheCdnIntoHubStorageWithoutTheToken() throws Exception {
        byte[] jpeg = new byte[1024];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 31 + 7);
        }
        String cdnPath = "/ig_messaging_cdn/?asset_id=" + digits(10) + "&signature=Zk3";
        PROVIDER.stubFor(get(urlEqualTo(cdnPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        String body = webhook("instagram/image.json").replace(FIXTURE_CDN_URL, PROVIDER.baseUrl() + cdnPath);
        assertThat(postSigned(body, appSecret).statusCode()).isEqualTo(200);

        JsonNode content = json(inbound(1, 10_000).get(0).getText()).path("content");
        assertThat(content.path("mediaType").asText()).isEqualTo("image");
        assertThat(content.path("mimeType").asText()).isEqualTo("image/jpeg");
        String url = content.path("url").asText();
        assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/")
                .doesNotContain(PROVIDER.baseUrl());
        assertThat(getPublished(url, PLATFORM).body()).isEqualTo(jpeg);
        PROVIDER.verify(1, getRequestedFor(urlEqualTo(cdnPath)).withHeader("Authorization", absent()));
    }

    // ---- outbound ------------------------------------------------------------------------------------------

    @Test
    void aReplyInsideTheWindowIsSentAsResponseItsEchoAddsNothingAndSeenReadsIt() throws Exception {
        inboundText(Instant.now());
        String mid = "aWdf" + digits(30);
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withRequestBody(matchingJsonPath("$.recipient.id",
                equalTo(igsid))).willReturn(okJson("{\"recipient_id\":\"" + igsid + "\",\"message_id\":\"" + mid + "\"}")));
        String id = submitAccepted(text("Yes! Come by on Saturday.", null, null));

        List<JsonNode> events = events(null, 2, 10_000);
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("accepted", "sent");
        assertThat(events.get(1).path("providerMessageId").asText()).isEqualTo(mid);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("""
                        {"recipient":{"id":"%s"},"messaging_type":"RESPONSE",
                         "message":{"text":"Yes! Come by on Saturday.","metadata":"channel-hub:%s"}}"""
                        .formatted(igsid, id))));

        assertThat(postSigned(webhook("instagram/echo-of-hub-send.json")
                .replace("0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00", id).replace("aWdf-hub-sent-0100", mid), appSecret)
                .statusCode()).isEqualTo(200);
        // Instagram has no delivery receipt: messaging_seen is a read watermark of the whole thread.
        long seenAt = Instant.now().toEpochMilli();
        assertThat(postSigned(eventWebhook("\"read\":{\"mid\":\"" + mid + "\"}", seenAt), appSecret).statusCode())
                .isEqualTo(200);
        List<JsonNode> read = events("read", 1, 10_000);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(read.get(0).path("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(seenAt).toString());
        assertThat(inbound(1, 1_000)).as("the echo of the hub's send is not a message").isEmpty();
    }

    @Test
    void outsideTheWindowATagCarriesTheMessageAndABotReplyWithoutOneIsRejectedBeforeAnyCall() throws Exception {
        // the person last wrote two days ago: outside 24 h, inside HUMAN_AGENT's 7 days
        inboundText(Instant.now().minus(Duration.ofDays(2)));
        String bot = submitAccepted(text("Still interested in the Golf?", null, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(statusOf(bot)));
        assertThat(view(bot).toString()).contains("outside_service_window");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(messagesPath())));

        String agent = submitAccepted(text("Sorry for the wait, it is still here.", "HUMAN_AGENT", "agent"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(agent)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath())).withRequestBody(equalToJson("""
                {"recipient":{"id":"%s"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",
                 "message":{"text":"Sorry for the wait, it is still here.","metadata":"channel-hub:%s"}}"""
                .formatted(igsid, agent))));
    }

    @Test
    void instagramsOutsideTheWindowErrorFailsForGoodAndAnExpiredTokenMarksTheConnectorUnhealthy()
            throws Exception {
        inboundText(Instant.now());
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(MessengerEndToEndTest.json(400,
                fixture("instagram/error-10-2534022-outside-window.json"))));
        submitAccepted(text("Hello again", null, null));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("outside_service_window");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("10");

        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(MessengerEndToEndTest.json(401,
                fixture("instagram/error-190-token-expired.json"))));
        submitAccepted(text("Hello?", null, null));
        assertThat(events("failed", 1, 10_000).get(0).path("reason").path("code").asText())
                .isEqualTo("authentication_failed");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !"ok".equals(connectorView("instagram").path("health").asText()));
    }

    /** A message the account wrote in the Instagram app reaches the platform as an outbound message. */
    @Test
    void aMessageTheAccountSentElsewhereReachesThePlatform() throws Exception {
        assertThat(postSigned(webhook("instagram/echo-from-instagram-app.json"), appSecret).statusCode())
                .isEqualTo(200);
        JsonNode m = json(inbound(1, 10_000).get(0).getText());
        assertThat(m.path("from").path("address").asText()).isEqualTo(accountId);
        assertThat(m.path("to").path("address").asText()).isEqualTo(igsid);
        assertThat(m.path("direction").asText()).isEqualTo("outbound");
        assertThat(m.path("content").path("text").asText())
                .isEqualTo("Hi! Yes, it is. When would you like to come by?");
    }

    // ---- token lifecycle ------------------------------------------------------------------------------------

    @Test
    void aLongLivedTokenIsRenewedOnceDueStoredEncryptedAndUsedFromThenOn() throws Exception {
        String refresh = "/ig/" + VERSION + "/refresh_access_token?grant_type=ig_refresh_token";
        String renewedToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        PROVIDER.stubFor(get(urlEqualTo(refresh)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"access_token\":\"" + renewedToken
                        + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
        renewals.renewDue();
        PROVIDER.verify(0, getRequestedFor(urlEqualTo(refresh)).withHeader("Authorization", equalTo("Bearer " + token)));

        saveTime(Instant.now().minus(Duration.ofHours(25)));
        renewals.renewDue();
        PROVIDER.verify(1, getRequestedFor(urlEqualTo(refresh)).withHeader("Authorization", equalTo("Bearer " + token)));
        String stored = jdbc.sql("select secrets from connectors where tenant_id = ? and channel = 'instagram'")
                .param(tenant).query(String.class).single();
        assertThat(stored).doesNotContain(renewedToken).doesNotContain(token);
        assertThat(connectorView("instagram").toString()).doesNotContain(renewedToken);
        Instant expires = jdbc.sql("select credentials_expire_at from connectors where tenant_id = ? and channel = 'instagram'")
                .param(tenant).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(expires).isBetween(Instant.now().plusSeconds(5183944 - 60), Instant.now().plusSeconds(5183944));

        inboundText(Instant.now());
        String id = submitAccepted(text("The renewed token sends this.", null, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withHeader("Authorization", equalTo("Bearer " + renewedToken)));

        renewals.renewDue();
        PROVIDER.verify(0, getRequestedFor(urlEqualTo(refresh))
                .withHeader("Authorization", equalTo("Bearer " + renewedToken)));
    }

    @Test
    void aTokenThatCanNoLongerBeRenewedTurnsTheConnectorUnhealthyAndTellsThePlatform() throws Exception {
        PROVIDER.stubFor(get(urlEqualTo("/ig/" + VERSION + "/refresh_access_token?grant_type=ig_refresh_token"))
                .willReturn(MessengerEndToEndTest.json(400, fixture("instagram/error-190-token-expired.json"))));
        saveTime(Instant.now().minus(Duration.ofDays(2)));
        renewals.renewDue();

        JsonNode connector = connectorView("instagram");
        assertThat(connector.path("health").asText()).isEqualTo("unhealthy");
        assertThat(connector.path("healthDetail").asText()).contains("reconnect").doesNotContain(token);
        List<TextMessage> health = receive(platform, "hub.events",
                "tenantId = '" + tenant + "' AND type = 'connector_health'", 1, 5_000);
        assertThat(health).hasSize(1);
        assertThat(json(health.get(0).getText()).path("health").asText()).isEqualTo("unhealthy");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Makes the connector look saved at {@code at}: its token's age counts from then. */
    void saveTime(Instant at) {
        jdbc.sql("update connectors set updated_at = ? where tenant_id = ? and channel = 'instagram'")
                .params(java.sql.Timestamp.from(at), tenant).update();
    }

    String messagesPath() {
        return "/ig/" + VERSION + "/" + accountId + "/messages";
    }

    /** A fixture for this test's account and person, happening now. */
    String webhook(String fixture) {
        return webhook(fixture, Instant.now());
    }

    String webhook(String fixture, Instant at) {
        return fixture(fixture).replace(FIXTURE_ACCOUNT_ID, accountId).replace(FIXTURE_IGSID, igsid)
                .replace(FIXTURE_TIME, String.valueOf(at.toEpochMilli()));
    }

    String text(String text, String tag, String sentBy) {
        return "{\"channel\":\"instagram\",\"to\":\"" + igsid + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                + "\"}" + (tag == null ? "" : ",\"tag\":\"" + tag + "\"")
                + (sentBy == null ? "" : ",\"sentBy\":\"" + sentBy + "\"") + "}";
    }

    /** An inbound text from this test's person written at {@code at}, delivered to the platform. */
    void inboundText(Instant at) throws Exception {
        String body = webhook("instagram/text.json", at).replace("aWdfZAG1faXRlbToxOklHTWVzc2FnZ", "aWdf" + digits(12));
        assertThat(postSigned(body, appSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 5_000)).hasSize(1);
    }

    String eventWebhook(String event, long millis) {
        return """
                {"object":"instagram","entry":[{"id":"%s","time":%d,"messaging":[
                  {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,%s}]}]}"""
                .formatted(accountId, millis, igsid, accountId, millis, event);
    }

    HttpResponse<String> postSigned(String body, String secret) {
        return postSigned("/webhooks/instagram/" + tenant, body, secret);
    }

    /** A POST as Meta signs it: {@code X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body's bytes>}. */
    HttpResponse<String> postSigned(String path, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return call(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }
}
