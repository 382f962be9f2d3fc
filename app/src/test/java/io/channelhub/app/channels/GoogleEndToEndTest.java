package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.core.model.HubJson;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Google RBM connector end to end through the running hub: RBM's webhook (registration handshake,
 * signed pushes) in, the RBM API and Google's token endpoint (WireMock fakes) out, the core platform's JMS
 * client over TCP and the REST API on the other side. Data payloads are Google's documented shapes
 * (fixtures copied from the connector's own tests); the service-account key is generated here.
 */
class GoogleEndToEndTest extends ChannelHubTest {
    static final String CONTACT = "+31612345678";
    static final String TOKEN_PATH = "/google-oauth2/token";
    /** The RBM messageId of the fixtures' events, replaced by each test's hub id. */
    static final String FIXTURE_HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";

    @DynamicPropertySource
    static void rbmApi(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.google.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.google.regional-base-url", () -> PROVIDER.baseUrl() + "/{region}");
    }

    String agentId;
    String clientToken;
    String accessToken;

    @BeforeEach
    void tenantWithRbm() throws Exception {
        agentId = "agent-" + tenant;
        clientToken = "client-token-" + UUID.randomUUID();
        accessToken = "ya29.c." + UUID.randomUUID();
        createTenant();
        PROVIDER.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        // The credential check on save asks the capabilities of a probe number with the service account's
        // token; the hub asks those of every contact before its first send.
        PROVIDER.stubFor(get(urlPathMatching("/v1/phones/[^/]+/capabilities"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"features\":[\"RICHCARD_STANDALONE\",\"RICHCARD_CAROUSEL\",\"ACTION_DIAL\"]}")));
        PROVIDER.stubFor(post(urlPathMatching("/v1/phones/[^/]+/agentMessages"))
                .willReturn(okJson(fixture("google/agent-message-created.json"))));
        String email = "rbm@" + tenant + ".iam.gserviceaccount.com";
        ObjectNode body = HubJson.mapper().createObjectNode().put("enabled", true);
        body.putObject("settings").put("agentId", agentId).put("serviceAccountEmail", email);
        body.putObject("secrets").put("serviceAccountKey", serviceAccountKey(email)).put("clientToken", clientToken);
        JsonNode saved = putConnector("google", body.toString());
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("settings").path("agentId").asText()).isEqualTo(agentId);
        assertThat(saved.path("secrets").path("serviceAccountKey").asText()).isEqualTo("***");
        assertThat(saved.path("secrets").path("clientToken").asText()).isEqualTo("***");
        assertThat(saved.toString()).doesNotContain(clientToken).doesNotContain("PRIVATE KEY");
        assertThat(saved.path("webhookUrl").asText()).isEqualTo(PUBLIC_BASE + "/webhooks/google/" + tenant);
    }

    @Test
    void registrationHandshakeEchoesTheSecretOnlyForTheRightClientToken() {
        HttpResponse<String> ok = postJson("/webhooks/google/" + tenant,
                "{\"clientToken\":\"" + clientToken + "\",\"secret\":\"1234567890\"}", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1234567890");
        assertThat(postJson("/webhooks/google/" + tenant, "{\"clientToken\":\"guess\",\"secret\":\"1234567890\"}",
                null).statusCode()).isEqualTo(403);
    }

    @Test
    void thePartnerWebhooksRegistrationHandshakeIsAnsweredForAnyTenantsClientToken() {
        HttpResponse<String> ok = postJson("/webhooks/google",
                "{\"clientToken\":\"" + clientToken + "\",\"secret\":\"9876543210\"}", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("9876543210");
        assertThat(postJson("/webhooks/google", "{\"clientToken\":\"guess\",\"secret\":\"9876543210\"}", null)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedUserMessageBecomesOneCanonicalMessageOnHubInbound() throws Exception {
        byte[] data = data("google/text.json");
        assertThat(postJson("/webhooks/google/" + tenant, envelope(data), null).statusCode()).isEqualTo(401);
        assertThat(postJson("/webhooks/google/" + tenant, envelope(data), sign(data, "other-token")).statusCode())
                .isEqualTo(401);
        for (int i = 0; i < 2; i++) { // Google redelivers the same push
            assertThat(postJson("/webhooks/google/" + tenant, envelope(data), sign(data, clientToken)).statusCode())
                    .isEqualTo(200);
        }

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        assertThat(inbound(1, 1_500)).isEmpty();
        TextMessage jms = received.get(0);
        JsonNode m = json(jms.getText());
        assertThat(UUID.fromString(m.path("id").asText())).isNotNull();
        assertThat(m.path("conversationId").asText()).isNotBlank();
        JsonNode expected = json("""
                {"tenantId":"%s","channel":"google","direction":"inbound","from":{"address":"%s"},
                 "providerMessageId":"MxRrCGy9pNTVS6UMVZ0oJYlA","timestamp":"2026-11-20T10:15:30.123456Z",
                 "content":{"type":"text","text":"Is de auto nog beschikbaar?"}}""".formatted(tenant, CONTACT));
        expected.fieldNames().forEachRemaining(field -> assertThat(m.get(field)).as(field).isEqualTo(expected.get(field)));
        assertThat(jms.getStringProperty("tenantId")).isEqualTo(tenant);
        assertThat(jms.getStringProperty("channel")).isEqualTo("google");
        assertThat(jms.getStringProperty("JMSXGroupID")).isEqualTo(m.path("conversationId").asText());
    }

    @Test
    void aUsersFileIsFetchedIntoHubStorageAndPublishedWithAHubUrl() throws Exception {
        byte[] jpeg = new byte[2048];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 17 + 3);
        }
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        String filePath = "/rbm-user-files/" + tenant + "/file-7f3a9c";
        PROVIDER.stubFor(get(urlPathEqualTo(filePath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        byte[] data = new String(data("google/user-file-image.json"), StandardCharsets.UTF_8)
                .replace("https://rcs-user-content-eu.storage.googleapis.com/file-7f3a9c", PROVIDER.baseUrl() + filePath)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(postJson("/webhooks/google/" + tenant, envelope(data), sign(data, clientToken)).statusCode())
                .isEqualTo(200);

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        JsonNode m = json(received.get(0).getText());
        assertThat(m.path("providerMessageId").asText()).isEqualTo("MxKpq3Wb7zQ9S2zG1dD0qzNw");
        JsonNode content = m.path("content");
        assertThat(content.path("type").asText()).isEqualTo("media");
        assertThat(content.path("mediaType").asText()).isEqualTo("image");
        assertThat(content.path("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(content.path("filename").asText()).isEqualTo("kenteken.jpg");
        assertThat(content.path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        String url = content.path("url").asText();
        assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/")
                .doesNotContain(PROVIDER.baseUrl());
        HttpResponse<byte[]> media = getPublished(url, PLATFORM);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo(jpeg);
        // Google serves user files without credentials: the token is not sent where it is not asked for.
        PROVIDER.verify(1, getRequestedFor(urlPathEqualTo(filePath)).withoutHeader("Authorization"));
    }

    @Test
    void thePartnerWebhookFindsTheTenantByAgentId() throws Exception {
        byte[] data = data("google/text.json");
        assertThat(postJson("/webhooks/google", envelope(data), sign(data, clientToken)).statusCode()).isEqualTo(200);
        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        assertThat(json(received.get(0).getText()).path("tenantId").asText()).isEqualTo(tenant);
        assertThat(postJson("/webhooks/google", envelope(data), sign(data, "other-token")).statusCode()).isEqualTo(401);
    }

    @Test
    void aSubmittedCardReachesRbmAsAStandaloneCardWithItsActions() throws Exception {
        String id = submitAccepted("{\"channel\":\"google\",\"to\":\"" + CONTACT + "\",\"content\":{\"type\":\"card\","
                + "\"title\":\"Golf 8 GTI\",\"description\":\"32.500 euro\",\"media\":{\"mediaType\":\"image\","
                + "\"url\":\"https://cdn.example.com/golf.jpg\"},\"choices\":[{\"id\":\"book\",\"title\":\"Proefrit\"},"
                + "{\"id\":\"call\",\"title\":\"Bel ons\",\"action\":{\"type\":\"dial\","
                + "\"phoneNumber\":\"+31201234567\"}}]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/phones/" + CONTACT + "/agentMessages"))
                .withQueryParam("messageId", equalTo(id))
                .withRequestBody(equalToJson("""
                        {"contentMessage":{"richCard":{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":{
                          "title":"Golf 8 GTI","description":"32.500 euro",
                          "media":{"height":"MEDIUM","contentInfo":{"fileUrl":"https://cdn.example.com/golf.jpg",
                            "forceRefresh":false}},
                          "suggestions":[{"reply":{"text":"Proefrit","postbackData":"book"}},
                            {"action":{"text":"Bel ons","postbackData":"call",
                              "dialAction":{"phoneNumber":"+31201234567"}}}]}}}}}""")));
    }

    @Test
    void aDeviceWithoutCarouselsOrOpenUrlGetsTheContentFittedNotAFailedSend() throws Exception {
        String contact = mobile();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/phones/" + contact + "/capabilities")).atPriority(1)
                .willReturn(okJson("{\"features\":[\"RICHCARD_STANDALONE\",\"ACTION_DIAL\"]}")));
        String carousel = submitAccepted("{\"channel\":\"google\",\"to\":\"" + contact + "\",\"content\":{"
                + "\"type\":\"carousel\",\"cards\":[{\"title\":\"Golf\",\"description\":\"32.500 euro\"},"
                + "{\"title\":\"Polo\",\"description\":\"21.900 euro\"}]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(carousel)));
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages"))
                .withQueryParam("messageId", equalTo(carousel))
                .withRequestBody(matchingJsonPath("$.contentMessage.text", containing("Golf")))
                .withRequestBody(matchingJsonPath("$.contentMessage.text", containing("Polo")))
                .withRequestBody(notContaining("richCard")));

        String card = submitAccepted("{\"channel\":\"google\",\"to\":\"" + contact + "\",\"content\":{"
                + "\"type\":\"card\",\"title\":\"Golf\",\"choices\":[{\"id\":\"web\",\"title\":\"Website\","
                + "\"action\":{\"type\":\"open_url\",\"url\":\"https://dealer.example/golf\"}},{\"id\":\"call\","
                + "\"title\":\"Bel ons\",\"action\":{\"type\":\"dial\",\"phoneNumber\":\"+31201234567\"}}]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(card)));
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages"))
                .withQueryParam("messageId", equalTo(card))
                .withRequestBody(matchingJsonPath("$.contentMessage.richCard.standaloneCard.cardContent.description",
                        containing("https://dealer.example/golf")))
                .withRequestBody(matchingJsonPath(
                        "$.contentMessage.richCard.standaloneCard.cardContent.suggestions[0].action.dialAction"))
                .withRequestBody(notContaining("openUrlAction")));
    }

    @Test
    void aCarouselOfOneCardIsRefusedNamingTheField() {
        var response = submit("{\"channel\":\"google\",\"to\":\"" + CONTACT + "\",\"content\":{\"type\":\"carousel\","
                + "\"cards\":[{\"title\":\"Golf\"}]}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("content.cards");
    }

    @Test
    void aSubmissionReachesRbmAsTheAgentAndItsEventsFollowIt() throws Exception {
        String id = submitAccepted("{\"channel\":\"google\",\"to\":\"" + CONTACT + "\",\"content\":{\"type\":\"choice\","
                + "\"text\":\"Wanneer wilt u een proefrit?\",\"choices\":[{\"id\":\"sat\",\"title\":\"Zaterdag\"},"
                + "{\"id\":\"sun\",\"title\":\"Zondag\"}]},\"metadata\":{\"leadId\":\"L-7\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/phones/" + CONTACT + "/agentMessages"))
                .withQueryParam("messageId", equalTo(id))
                .withQueryParam("agentId", equalTo(agentId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withRequestBody(equalToJson("""
                        {"contentMessage":{"text":"Wanneer wilt u een proefrit?","suggestions":[
                          {"reply":{"text":"Zaterdag","postbackData":"sat"}},
                          {"reply":{"text":"Zondag","postbackData":"sun"}}]}}""")));

        byte[] delivered = data("google/event-delivered.json", id);
        assertThat(postJson("/webhooks/google/" + tenant, envelope(delivered), sign(delivered, clientToken))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(statusOf(id)));
        JsonNode view = view(id);
        assertThat(view.path("providerMessageId").asText()).isEqualTo(id);
        assertThat(view.path("history")).extracting(h -> h.path("status").asText())
                .containsExactly("accepted", "sent", "delivered");
    }

    @Test
    void aMessageGoogleRevokesWhenItsTimeToLiveRunsOutFailsAsExpired() throws Exception {
        String id = submitAccepted("{\"channel\":\"google\",\"to\":\"" + CONTACT
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Uw proefrit staat gepland.\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        byte[] revoked = data("google/server-ttl-expiration-revoked.json", id);
        assertThat(postJson("/webhooks/google/" + tenant, envelope(revoked), sign(revoked, clientToken))
                .statusCode()).isEqualTo(200);
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("expired");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("TTL_EXPIRATION_REVOKED");
    }

    @Test
    void thePlatformTakesBackAnUndeliveredMessageAndIsToldWhenItIsTooLate() throws Exception {
        String pending = submitAccepted("{\"channel\":\"google\",\"to\":\"" + CONTACT
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Uw auto is klaar.\"},\"metadata\":{\"k\":\"r\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(pending)));
        String path = "/v1/phones/" + CONTACT + "/agentMessages/" + pending;
        PROVIDER.stubFor(WireMock.delete(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));

        HttpResponse<String> revoked = send("DELETE", "/api/v1/tenants/" + tenant + "/messages/" + pending, PLATFORM,
                null);

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked.body()).path("revoked").asBoolean()).isTrue();
        PROVIDER.verify(1, WireMock.deleteRequestedFor(urlPathEqualTo(path)).withQueryParam("agentId", equalTo(agentId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("revoked");
        assertThat(failed.get(0).path("metadata").path("k").asText()).isEqualTo("r");
        assertThat(send("DELETE", "/api/v1/tenants/" + tenant + "/messages/" + pending, PLATFORM, null).statusCode())
                .as("a revoked message has ended").isEqualTo(409);

        String late = submitAccepted("{\"channel\":\"google\",\"to\":\"" + CONTACT
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Tot morgen.\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(late)));
        PROVIDER.stubFor(WireMock.delete(urlPathEqualTo("/v1/phones/" + CONTACT + "/agentMessages/" + late))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(fixture("google/error-404-not-found.json"))));
        HttpResponse<String> tooLate = send("DELETE", "/api/v1/tenants/" + tenant + "/messages/" + late, PLATFORM,
                null);
        assertThat(tooLate.statusCode()).as(tooLate.body()).isEqualTo(409);
        assertThat(statusOf(late)).isEqualTo("delivered");
        assertThat(send("DELETE", "/api/v1/tenants/" + tenant + "/messages/" + UUID.randomUUID(), PLATFORM, null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aNumberWithoutRcsFailsAsNotReachableOnTheChannelWithoutASend() throws Exception {
        String contact = mobile();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/phones/" + contact + "/capabilities")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(fixture("google/error-404-not-found.json"))));
        String id = submitAccepted("{\"channel\":\"google\",\"to\":\"" + contact
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Hallo\"}}");
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("not_reachable_on_channel");
        assertThat(failed.get(0).path("reason").path("retryable").asBoolean()).isFalse();
        PROVIDER.verify(0, postRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages")));

        JsonNode asked = json(send("GET", "/api/v1/tenants/" + tenant + "/channels/google/capabilities/"
                + contact.replace("+", "%2B"), PLATFORM, null).body());
        assertThat(asked.path("reachable").asBoolean()).isFalse();
        PROVIDER.verify(1, getRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/capabilities")));
    }

    @Test
    void aSendAt404AfterAPositiveLookupFailsAsNotReachableToo() throws Exception {
        String contact = mobile();
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(fixture("google/error-404-not-found.json"))));
        String id = submitAccepted("{\"channel\":\"google\",\"to\":\"" + contact
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Hallo\"}}");
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("not_reachable_on_channel");
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages")));
    }

    @Test
    void thePlatformAsksWhatAContactsDeviceCanShow() throws Exception {
        JsonNode asked = json(send("GET", "/api/v1/tenants/" + tenant + "/channels/google/capabilities/%2B31611112222",
                PLATFORM, null).body());
        assertThat(asked.path("reachable").asBoolean()).isTrue();
        assertThat(asked.path("features")).extracting(JsonNode::asText)
                .containsExactly("RICHCARD_STANDALONE", "RICHCARD_CAROUSEL", "ACTION_DIAL");
        assertThat(send("GET", "/api/v1/tenants/" + tenant + "/channels/sms/capabilities/%2B31611112222", PLATFORM,
                null).statusCode()).as("no such connector").isEqualTo(404);
        assertThat(send("GET", "/api/v1/tenants/" + tenant + "/channels/google/capabilities/%2B31611112222", OPS,
                null).statusCode()).as("an ops token").isEqualTo(403);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A data fixture for this test's agent, its events naming {@code hubId}. */
    byte[] data(String fixture, String hubId) {
        return fixture(fixture).replace("dealer-042-agent", agentId).replace(FIXTURE_HUB_ID, hubId)
                .getBytes(StandardCharsets.UTF_8);
    }

    byte[] data(String fixture) {
        return data(fixture, FIXTURE_HUB_ID);
    }

    static String envelope(byte[] data) {
        return "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data)
                + "\",\"messageId\":\"" + digits(16) + "\",\"publishTime\":\"2026-11-20T10:15:30.456Z\"}}";
    }

    /** {@code X-Goog-Signature}: base64(HMAC-SHA512(client token, the decoded message.data)). */
    static String sign(byte[] data, String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data));
    }

    HttpResponse<String> postJson(String path, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Goog-Signature", signature);
        }
        return call(request.build());
    }

    /** A service-account key whose token_uri is the fake token endpoint, with an RSA key made for the run. */
    static String serviceAccountKey(String email) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pkcs8 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(
                rsa.generateKeyPair().getPrivate().getEncoded());
        return HubJson.mapper().createObjectNode().put("type", "service_account").put("client_email", email)
                .put("client_id", "1098765432")
                .put("private_key_id", "e2e").put("token_uri", PROVIDER.baseUrl() + TOKEN_PATH)
                .put("private_key", "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n")
                .toString();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
