package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.core.model.HubJson;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cross-channel fallback (CONTRACT §7) through the running hub: a tenant with RBM, WhatsApp and SMS (Twilio), all
 * faked at the HTTP level. A message the first channel cannot deliver reaches the contact on the next one, as a
 * hub message of its own that names the one it falls back from, exactly once; a delivery before the deadline
 * cancels the fallback; the gate runs again on the fallback channel.
 */
class FallbackEndToEndTest extends ChannelHubTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void rbmApi(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.google.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.google.regional-base-url", () -> PROVIDER.baseUrl() + "/{region}");
    }

    @Autowired
    JdbcTemplate jdbc;
    String accountSid;
    String authToken;
    String agentId;
    String clientToken;
    String contact;
    String phoneNumberId;
    String wabaId;

    @BeforeEach
    void tenantWithRbmWhatsAppAndSms() throws Exception {
        createTenant();
        contact = mobile();
        agentId = "agent-" + tenant;
        clientToken = "client-token-" + UUID.randomUUID();
        String accessToken = "ya29.c." + UUID.randomUUID();
        PROVIDER.stubFor(post(urlPathEqualTo(GoogleEndToEndTest.TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        PROVIDER.stubFor(get(urlPathMatching("/v1/phones/[^/]+/capabilities"))
                .willReturn(okJson("{\"features\":[\"RICHCARD_STANDALONE\"]}")));
        PROVIDER.stubFor(post(urlPathMatching("/v1/phones/[^/]+/agentMessages"))
                .willReturn(okJson(fixture("google/agent-message-created.json"))));
        String email = "rbm@" + tenant + ".iam.gserviceaccount.com";
        ObjectNode google = HubJson.mapper().createObjectNode().put("enabled", true);
        google.putObject("settings").put("agentId", agentId).put("serviceAccountEmail", email);
        google.putObject("secrets").put("serviceAccountKey", GoogleEndToEndTest.serviceAccountKey(email))
                .put("clientToken", clientToken);
        putConnector("google", google.toString());

        accountSid = "AC" + SmsEndToEndTest.hex32();
        authToken = SmsEndToEndTest.hex32();
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(SmsEndToEndTest.json(201,
                fixture("sms/message-created.json").replace(SmsEndToEndTest.FIXTURE_ACCOUNT_SID, accountSid)
                        .replace("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2", "SM{{randomValue length=32 type='HEXADECIMAL'}}"))
                .withTransformers("response-template")));
        putConnector("sms", "{\"enabled\":true,\"settings\":{\"accountSid\":\"" + accountSid + "\",\"fromNumber\":\""
                + SmsEndToEndTest.BUSINESS_NUMBER + "\"},\"secrets\":{\"authToken\":\"" + authToken + "\"}}");

        phoneNumberId = digits(15);
        wabaId = digits(15);
        putConnector("whatsapp", "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + phoneNumberId
                + "\",\"wabaId\":\"" + wabaId + "\"},\"secrets\":{\"accessToken\":\"EAAG" + digits(20)
                + "\",\"appSecret\":\"s\",\"verifyToken\":\"v\"}}");
    }

    @Test
    void aNumberWithoutRcsGetsTheMessageBySmsOnceAsAMessageThatNamesTheOriginal() throws Exception {
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/phones/" + contact + "/capabilities")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(fixture("google/error-404-not-found.json"))));

        String id = submitAccepted(text("google", "Uw auto is klaar.", "{\"channel\":\"sms\",\"on\":[\"not_reachable\"]}"));

        String attempt = awaitAttempt(id, "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(attempt)));
        assertSmsSent(1, "Uw auto is klaar.");
        JsonNode original = view(id);
        assertThat(original.path("status").asText()).isEqualTo("failed");
        JsonNode failed = entry(original, "failed");
        assertThat(failed.path("reasonCode").asText()).isEqualTo("not_reachable_on_channel");
        assertThat(failed.path("fallbackAttempt").asText()).isEqualTo(attempt);
        assertThat(original.path("fallback").path("state").asText()).isEqualTo("attempted");

        JsonNode next = view(attempt);
        assertThat(next.path("message").path("channel").asText()).isEqualTo("sms");
        assertThat(next.path("message").path("fallbackOf").asText()).isEqualTo(id);
        assertThat(entry(next, "accepted").path("fallbackOf").asText()).isEqualTo(id);
        assertThat(next.path("history")).extracting(h -> h.path("status").asText()).containsExactly("accepted", "sent");

        // The platform hears the whole chain: the original's failure, then the attempt's events with the channel
        // that carried it, the submitted message's id and the caller's metadata.
        List<JsonNode> events = statusEvents(4, 10_000);
        assertThat(events).extracting(e -> e.path("messageId").asText() + " " + e.path("status").asText())
                .containsExactlyInAnyOrder(id + " accepted", id + " failed", attempt + " accepted", attempt + " sent");
        for (JsonNode e : events) {
            assertThat(e.path("metadata").path("leadId").asText()).as(e.toString()).isEqualTo("L-7");
            if (e.path("messageId").asText().equals(attempt)) {
                assertThat(e.path("channel").asText()).isEqualTo("sms");
                assertThat(e.path("fallbackOf").asText()).isEqualTo(id);
            } else {
                assertThat(e.has("fallbackOf")).isFalse();
            }
        }
        assertThat(statusEvents(1, 1_500)).as("nothing more").isEmpty();
        assertThat(messagesOfTenant()).isEqualTo(2);
    }

    @Test
    void aFreeFormWhatsAppMessageOutsideTheServiceWindowGoesBySms() throws Exception {
        String id = submitAccepted(text("whatsapp", "Wanneer komt u langs?",
                "{\"channel\":\"sms\",\"on\":[\"rejected\",\"failed\"]}"));

        String attempt = awaitAttempt(id, "rejected");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(attempt)));
        assertThat(entry(view(id), "rejected").path("reasonCode").asText()).isEqualTo("outside_service_window");
        assertSmsSent(1, "Wanneer komt u langs?");
        PROVIDER.verify(0, postRequestedFor(urlPathMatching("/[^/]+/[0-9]+/messages")));
    }

    @Test
    void aTemplateToANumberNotOnWhatsAppIsReportedUndeliverableAndGoesBySmsAsItsFallbackText() throws Exception {
        String wamid = "wamid.HBgL" + digits(24);
        PROVIDER.stubFor(post(urlPathMatching("/v[0-9.]+/" + phoneNumberId + "/messages")).atPriority(1)
                .willReturn(okJson(fixture("whatsapp/send-accepted.json")
                        .replace("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI4RjU1QjBEQUE3QjQ4NjE5MDQA", wamid))));
        String id = submitAccepted("{\"channel\":\"whatsapp\",\"to\":\"" + contact + "\",\"content\":{"
                + "\"type\":\"template\",\"name\":\"service_reminder\",\"language\":\"nl\",\"parameters\":[\"morgen\"],"
                + "\"fallbackText\":\"Uw onderhoudsbeurt is morgen.\"},\"metadata\":{\"leadId\":\"L-7\"},"
                + "\"fallback\":[{\"channel\":\"sms\",\"on\":[\"not_reachable\"]}]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));

        // WhatsApp reports later that the number cannot get WhatsApp messages (131026), as Meta signs it.
        String failed = fixture("whatsapp/status-failed-undeliverable.json")
                .replace("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI1QjI0RDk0QkM3RjgxNjM4QjQA", wamid)
                .replace("106540352242922", phoneNumberId).replace("102290129340398", wabaId)
                .replace("31612345678", contact.substring(1))
                .replace("1795169836", String.valueOf(Instant.now().getEpochSecond()));
        byte[] bytes = failed.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpResponse<String> ack = call(HttpRequest.newBuilder(URI.create(url("/webhooks/whatsapp/" + tenant)))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(ack.statusCode()).isEqualTo(200);

        String attempt = awaitAttempt(id, "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(attempt)));
        JsonNode entry = entry(view(id), "failed");
        assertThat(entry.path("reasonCode").asText()).isEqualTo("not_reachable_on_channel");
        assertThat(entry.path("providerCode").asText()).isEqualTo("131026");
        assertSmsSent(1, "Uw onderhoudsbeurt is morgen.");
    }

    @Test
    void notDeliveredWithinTenSecondsIsTakenBackFromRbmAndSentBySms() throws Exception {
        PROVIDER.stubFor(WireMock.delete(urlPathMatching("/v1/phones/" + contact.replace("+", "\\+")
                + "/agentMessages/.*")).willReturn(okJson("{}")));
        Instant submitted = Instant.now();
        String id = submitAccepted(text("google", "Uw proefrit is morgen om 10:00.", timed("sms")));
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(statusOf(id)));
        assertSmsSent(0, null);

        String attempt = awaitAttempt(id, "failed");
        assertThat(Duration.between(submitted, Instant.now())).isGreaterThanOrEqualTo(WITHIN);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(attempt)));
        PROVIDER.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages/" + id))
                .withQueryParam("agentId", equalTo(agentId)));
        JsonNode failed = entry(view(id), "failed");
        assertThat(failed.path("reasonCode").asText()).isEqualTo("revoked");
        assertThat(failed.path("detail").asText()).contains("PT10S").contains("sms");
        assertSmsSent(1, "Uw proefrit is morgen om 10:00.");
    }

    @Test
    void aRevocationRbmRefusesBecauseTheMessageWasDeliveredCancelsTheFallback() throws Exception {
        String id = submitAccepted(text("google", "Uw offerte staat klaar.", timed("sms")));
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(statusOf(id)));
        // Google answers 404 to the revocation of a message it has delivered already.
        String path = "/v1/phones/" + contact + "/agentMessages/" + id;
        PROVIDER.stubFor(WireMock.delete(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("google/error-404-not-found.json"))));

        await().atMost(Duration.ofSeconds(WITHIN.toSeconds() + 10)).until(() -> "cancelled".equals(view(id)
                .path("fallback").path("state").asText()));
        PROVIDER.verify(1, deleteRequestedFor(urlPathEqualTo(path)));
        assertThat(statusOf(id)).isEqualTo("delivered");
        Thread.sleep(1_000);
        assertSmsSent(0, null);
        assertThat(messagesOfTenant()).isEqualTo(1);
    }

    @Test
    void aDeliveryAtNineSecondsCancelsTheFallbackDueAtTen() throws Exception {
        Instant submitted = Instant.now();
        String id = submitAccepted(text("google", "Uw auto is gewassen.", timed("sms")));
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(statusOf(id)));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), submitted.plusSeconds(9)).toMillis()));
        byte[] delivered = fixture("google/event-delivered.json").replace("dealer-042-agent", agentId)
                .replace(GoogleEndToEndTest.FIXTURE_HUB_ID, id).replace("+31612345678", contact)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> report = call(HttpRequest.newBuilder(URI.create(url("/webhooks/google/" + tenant)))
                .header("Content-Type", "application/json")
                .header("X-Goog-Signature", GoogleEndToEndTest.sign(delivered, clientToken))
                .POST(HttpRequest.BodyPublishers.ofString(GoogleEndToEndTest.envelope(delivered))).build());
        assertThat(report.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> "delivered".equals(statusOf(id)));

        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(view(id).path("fallback")
                .path("state").asText()));
        assertThat(Duration.between(submitted, Instant.now())).isGreaterThanOrEqualTo(WITHIN);
        Thread.sleep(1_000);
        assertSmsSent(0, null);
        PROVIDER.verify(0, deleteRequestedFor(urlPathEqualTo("/v1/phones/" + contact + "/agentMessages/" + id)));
        assertThat(messagesOfTenant()).isEqualTo(1);
    }

    @Test
    void aFallbackToAContactWhoOptedOutThereIsRejectedAndTheChainEnds() throws Exception {
        optOutBySms(contact);
        String id = submitAccepted(text("whatsapp", "Nieuwe modellen binnen!", "{\"channel\":\"sms\",\"on\":[\"rejected\"]}"));

        String attempt = awaitAttempt(id, "rejected");
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(statusOf(attempt)));
        assertThat(entry(view(attempt), "rejected").path("reasonCode").asText()).isEqualTo("opted_out");
        assertSmsSent(0, "Nieuwe modellen binnen!");
        // the one SMS the contact got is the hub's confirmation of its STOP
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertSmsSent(1, null));
        Thread.sleep(1_500);
        assertThat(messagesOfTenant()).as("no attempt after the last one listed").isEqualTo(2);
    }

    @Test
    void aTenantsDefaultChainCarriesASubmissionThatBringsNoneAndASubmissionsOwnChainWins() throws Exception {
        String defaults = "/admin/v1/tenants/" + tenant + "/fallbacks";
        HttpResponse<String> put = send("PUT", defaults + "/google", OPS,
                "{\"fallback\":[{\"channel\":\"sms\",\"on\":[\"not_reachable\",\"failed\"]}]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode listed = json(send("GET", defaults, OPS, null).body());
        assertThat(listed.path("google").path("fallback").get(0).path("channel").asText()).isEqualTo("sms");
        assertThat(send("GET", defaults, PLATFORM, null).statusCode()).as("ops only").isEqualTo(403);
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/phones/" + contact + "/capabilities")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(fixture("google/error-404-not-found.json"))));

        String id = submitAccepted("{\"channel\":\"google\",\"to\":\"" + contact
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Uw APK is verlopen.\"}}");
        String attempt = awaitAttempt(id, "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(attempt)));
        assertSmsSent(1, "Uw APK is verlopen.");

        // The submission's own chain wins: WhatsApp instead of the default's SMS (and WhatsApp has no window open).
        String own = submitAccepted(text("google", "Uw banden zijn binnen.",
                "{\"channel\":\"whatsapp\",\"on\":[\"not_reachable\"]}"));
        String whatsapp = awaitAttempt(own, "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(statusOf(whatsapp)));
        assertThat(view(whatsapp).path("message").path("channel").asText()).isEqualTo("whatsapp");
        assertSmsSent(0, "Uw banden zijn binnen.");

        assertThat(send("DELETE", defaults + "/google", OPS, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", defaults + "/google", OPS, null).statusCode()).isEqualTo(404);
        assertThat(json(send("GET", defaults, OPS, null).body()).size()).isZero();
    }

    @Test
    void aDefaultChainThatCannotWorkIsRefusedWithAProblemAndStoresNothing() throws Exception {
        String defaults = "/admin/v1/tenants/" + tenant + "/fallbacks";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("/google", "{\"fallback\":[{\"channel\":\"email\",\"on\":[\"failed\"]}]}");
        bad.put("/google ", "{\"fallback\":[{\"channel\":\"sms\",\"to\":\"+31612345678\",\"on\":[\"failed\"]}]}");
        bad.put("/fax", "{\"fallback\":[{\"channel\":\"sms\",\"on\":[\"failed\"]}]}");
        bad.put("/sms", "{\"fallback\":[{\"channel\":\"whatsapp\",\"on\":[\"not_delivered_within\"],"
                + "\"within\":\"PT1S\"}]}");
        bad.put("/sms ", "{\"fallback\":[]}");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = send("PUT", defaults + e.getKey().strip(), OPS, e.getValue());
            assertThat(r.statusCode()).as(e + " → " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(send("PUT", "/admin/v1/tenants/no-such-tenant/fallbacks/sms", OPS,
                "{\"fallback\":[{\"channel\":\"whatsapp\",\"on\":[\"failed\"]}]}").statusCode()).isEqualTo(404);
        assertThat(json(send("GET", defaults, OPS, null).body()).size()).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Waits for the message to end with {@code status} and name its fallback attempt; answers that attempt. */
    private String awaitAttempt(String id, String status) {
        List<String> attempt = new ArrayList<>();
        await().atMost(Duration.ofSeconds(WITHIN.toSeconds() + 10)).until(() -> {
            JsonNode e = entry(view(id), status);
            if (e.path("fallbackAttempt").isTextual()) {
                attempt.add(e.path("fallbackAttempt").asText());
                return true;
            }
            return false;
        });
        return attempt.getFirst();
    }

    /** Status events only: saving the connectors published their health too. */
    private List<JsonNode> statusEvents(int count, long timeoutMillis) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var m : receive(platform, "hub.events", "tenantId = '" + tenant + "' AND status IS NOT NULL", count,
                timeoutMillis)) {
            out.add(json(m.getText()));
        }
        return out;
    }

    private static JsonNode entry(JsonNode view, String status) {
        for (JsonNode e : view.path("history")) {
            if (status.equals(e.path("status").asText())) {
                return e;
            }
        }
        return HubJson.mapper().createObjectNode();
    }

    private void assertSmsSent(int times, String body) {
        var sent = postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact));
        PROVIDER.verify(times, body == null ? sent : sent.withFormParam("Body", equalTo(body)));
    }

    /** The tenant's outbound messages, the hub's own keyword confirmations left out. */
    private int messagesOfTenant() {
        return jdbc.queryForObject("select count(*) from messages where tenant_id = ? and direction = 'outbound'"
                + " and body not like '%hubConsentConfirmation%'", Integer.class, tenant);
    }

    private String text(String channel, String text, String fallback) {
        return "{\"channel\":\"" + channel + "\",\"to\":\"" + contact + "\",\"content\":{\"type\":\"text\",\"text\":\""
                + text + "\"},\"metadata\":{\"leadId\":\"L-7\"},\"fallback\":[" + fallback + "]}";
    }

    private static String timed(String channel) {
        return "{\"channel\":\"" + channel + "\",\"on\":[\"not_delivered_within\"],\"within\":\"PT"
                + WITHIN.toSeconds() + "S\"}";
    }

    private String messagesPath() {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    /** The contact texts STOP to the tenant's Twilio number, signed as Twilio signs. */
    private void optOutBySms(String from) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : fixture("sms/sms-text.form").strip().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                            .replace(SmsEndToEndTest.FIXTURE_ACCOUNT_SID, accountSid));
        }
        params.put("From", from);
        params.put("Body", "STOP");
        String publicUrl = PUBLIC_BASE + "/webhooks/sms/" + tenant;
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(url("/webhooks/sms/" + tenant)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", SmsEndToEndTest.signature(publicUrl, params, authToken))
                .POST(HttpRequest.BodyPublishers.ofString(SmsEndToEndTest.encode(params))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from messages where tenant_id = ? and direction = 'inbound'", Integer.class,
                tenant) == 1);
    }
}
