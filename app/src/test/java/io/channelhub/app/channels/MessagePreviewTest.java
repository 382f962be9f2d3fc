package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.HubJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The preview (CONTRACT §7) through the running hub, with a tenant that has every channel's connector: for
 * every ordered pair of channels it shows what each would carry, the connector's provider calls in outline and
 * the gate's verdict — and it leaves no trace: no record, no contact, no event, no usage, no provider call.
 */
class MessagePreviewTest extends ChannelHubTest {
    /** A contact's address on each channel, and the provider call each connector's outline starts with. */
    private static final Map<String, String> ADDRESS = new LinkedHashMap<>();
    private static final Map<String, String> CALL = Map.of(
            "whatsapp", "POST /{version}/{phone-number-id}/messages",
            "sms", "POST /2010-04-01/Accounts/{account-sid}/Messages.json",
            "email", "SMTP DATA",
            "google", "POST /v1/phones/{msisdn}/agentMessages",
            "telegram", "POST /bot{token}/sendMessage",
            "messenger", "POST /{version}/{page-id}/messages",
            "instagram", "POST /{version}/{ig-id}/messages");

    static {
        ADDRESS.put("whatsapp", "+31612345678");
        ADDRESS.put("sms", "+31612345679");
        ADDRESS.put("email", "jan.devries@example.nl");
        ADDRESS.put("google", "+31612345670");
        ADDRESS.put("telegram", "481516234");
        ADDRESS.put("messenger", "6985412036548217");
        ADDRESS.put("instagram", "17841405793187218");
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.messenger.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.instagram.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.instagram.instagram-base-url", () -> PROVIDER.baseUrl() + "/ig");
        registry.add("hub.channels.google.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.google.regional-base-url", () -> PROVIDER.baseUrl() + "/{region}");
        registry.add("hub.channels.telegram.base-url", PROVIDER::baseUrl);
    }

    @Autowired
    JdbcTemplate jdbc;

    /**
     * Every connector saved enabled. Saving never waits for the provider: the credential checks run against
     * WireMock's 404s and only set each connector's health, which the gate does not read.
     */
    @BeforeEach
    void tenantWithEveryChannel() throws Exception {
        createTenant();
        putConnector("whatsapp", "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + digits(15)
                + "\",\"wabaId\":\"" + digits(15) + "\"},\"secrets\":{\"accessToken\":\"EAAGsecret-wa\","
                + "\"appSecret\":\"s\",\"verifyToken\":\"v\"}}");
        putConnector("sms", "{\"enabled\":true,\"settings\":{\"accountSid\":\"AC" + digits(32)
                + "\",\"fromNumber\":\"+3197010253000\"},\"secrets\":{\"authToken\":\"" + "f".repeat(32) + "\"}}");
        putConnector("email", "{\"enabled\":true,\"settings\":{\"fromAddress\":\"verkoop@autodevries.nl\","
                + "\"fromName\":\"Auto de Vries\",\"smtpHost\":\"127.0.0.1\",\"smtpPort\":\"1\",\"smtpSecurity\":\"none\","
                + "\"imapHost\":\"127.0.0.1\",\"imapPort\":\"1\",\"imapSecurity\":\"none\",\"username\":\"verkoop\"},"
                + "\"secrets\":{\"password\":\"secret-mail\"}}");
        String email = "rbm@" + tenant + ".iam.gserviceaccount.com";
        ObjectNode google = HubJson.mapper().createObjectNode().put("enabled", true);
        google.putObject("settings").put("agentId", "agent-" + tenant).put("serviceAccountEmail", email);
        google.putObject("secrets").put("serviceAccountKey", GoogleEndToEndTest.serviceAccountKey(email))
                .put("clientToken", "client-token");
        putConnector("google", google.toString());
        putConnector("telegram", "{\"enabled\":true,\"settings\":{\"botUsername\":\"devries_auto_bot\"},"
                + "\"secrets\":{\"botToken\":\"123456:secret-bot\",\"webhookSecret\":\"hook\"}}");
        putConnector("messenger", "{\"enabled\":true,\"settings\":{\"pageId\":\"" + digits(15) + "\"},"
                + "\"secrets\":{\"pageAccessToken\":\"EAAGsecret-page\",\"appSecret\":\"s\",\"verifyToken\":\"v\"}}");
        putConnector("instagram", "{\"enabled\":true,\"settings\":{\"instagramAccountId\":\"" + digits(17)
                + "\",\"instagramSetup\":\"instagramLogin\"},\"secrets\":{\"pageAccessToken\":\"IGsecret-user\","
                + "\"appSecret\":\"s\",\"verifyToken\":\"v\"}}");
        PROVIDER.resetRequests();
    }

    @Test
    void everyPairOfChannelsIsPreviewedInOrderWithWhatEachWouldCarry() throws Exception {
        for (String first : ADDRESS.keySet()) {
            for (String second : ADDRESS.keySet()) {
                if (first.equals(second)) {
                    continue;
                }
                HttpResponse<String> r = preview(choice(first, fallback(second, "\"on\":[\"failed\","
                        + "\"not_delivered_within\"],\"within\":\"PT10M\"")));
                assertThat(r.statusCode()).as(first + " → " + second + ": " + r.body()).isEqualTo(200);
                JsonNode attempts = json(r.body()).path("attempts");
                assertThat(attempts).as(r.body()).hasSize(2);
                assertAttempt(attempts.get(0), first);
                assertAttempt(attempts.get(1), second);
                assertThat(attempts.get(0).has("on")).isFalse();
                assertThat(attempts.get(1).path("on")).extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder("failed", "not_delivered_within");
                assertThat(attempts.get(1).path("within").asText()).isEqualTo("PT10M");
            }
        }
        assertNoTrace();
    }

    private void assertAttempt(JsonNode attempt, String channel) {
        String where = channel + ": " + attempt;
        assertThat(attempt.path("channel").asText()).as(where).isEqualTo(channel);
        assertThat(attempt.path("to").asText()).as(where).isEqualTo(ADDRESS.get(channel));
        assertThat(attempt.path("verdict").asText()).as(where).isIn("send", "rejected", "deferred");
        // channels with buttons keep the choice; SMS and email carry it as numbered text
        String kind = attempt.path("content").path("type").asText();
        if (channel.equals("sms") || channel.equals("email")) {
            assertThat(kind).as(where).isEqualTo("text");
            assertThat(attempt.path("content").path("text").asText()).as(where)
                    .contains("1. Proefrit").contains("2. Bel mij");
        } else {
            assertThat(kind).as(where).isEqualTo("choice");
        }
        JsonNode calls = attempt.path("providerCalls");
        assertThat(calls.size()).as(where).isPositive();
        assertThat(calls.get(0).path("call").asText()).as(where).startsWith(CALL.get(channel));
        assertThat(calls.toString()).as(where).contains("Wanneer schikt het?")
                .doesNotContain("secret");
        if (attempt.path("verdict").asText().equals("rejected")) {
            assertThat(attempt.path("reason").path("code").asText()).as(where).isNotBlank();
        }
    }

    @Test
    void verdictsAreTheGatesForTheContactNow() throws Exception {
        // No inbound message from the contact: WhatsApp's 24 h window is closed for a free-form message.
        JsonNode attempts = json(preview(choice("whatsapp", fallback("sms", "\"on\":[\"rejected\"]"))).body())
                .path("attempts");
        assertThat(attempts.get(0).path("verdict").asText()).isEqualTo("rejected");
        assertThat(attempts.get(0).path("reason").path("code").asText()).isEqualTo("outside_service_window");
        assertThat(attempts.get(1).path("verdict").asText()).isEqualTo("send");
        JsonNode form = attempts.get(1).path("providerCalls").get(0).path("body");
        assertThat(form.path("To").asText()).isEqualTo(ADDRESS.get("sms"));
        assertThat(form.path("From").asText()).isEqualTo("{from-number}");
        assertThat(form.path("Body").asText()).startsWith("Wanneer schikt het?").contains("1. Proefrit");

        // Marketing, to a contact who opted in to it, in the tenant's quiet hours waits until they end.
        assertThat(send("POST", "/api/v1/tenants/" + tenant + "/contacts/" + ADDRESS.get("sms").replace("+", "%2B")
                + "/consent", PLATFORM, "{\"channel\":\"sms\",\"scope\":\"marketing\",\"state\":\"opted_in\","
                + "\"evidence\":\"showroom sign-up sheet\"}").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"" + tenant
                + "\",\"timezone\":\"Europe/Amsterdam\",\"quietHours\":\"00:00-23:59\"}").statusCode()).isEqualTo(200);
        JsonNode deferred = json(preview("{\"channel\":\"sms\",\"to\":\"" + ADDRESS.get("sms")
                + "\",\"category\":\"marketing\",\"content\":{\"type\":\"text\",\"text\":\"Winteractie\"}}").body())
                .path("attempts").get(0);
        assertThat(deferred.path("verdict").asText()).isEqualTo("deferred");
        assertThat(deferred.path("deferUntil").asText()).isNotBlank();
        // the consent was the one thing recorded on purpose: erased, the preview must have left no trace
        assertThat(send("DELETE", "/admin/v1/tenants/" + tenant + "/contacts/" + ADDRESS.get("sms").replace("+", "%2B"),
                OPS, null).statusCode()).isEqualTo(200);
        assertNoTrace();
    }

    @Test
    void aChainThatMakesNoSenseIsRefusedWithAProblemAndChangesNothing() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(choice("whatsapp", fallback("fax", "\"on\":[\"failed\"]")), "unknown channel 'fax'");
        bad.put(choice("whatsapp", fallback("sms", "\"on\":[]")), "fallback[0].on needs at least one");
        bad.put(choice("whatsapp", fallback("sms", "\"on\":[\"not_delivered_within\"],\"within\":\"PT5S\"")), "from 10 s");
        bad.put(choice("whatsapp", fallback("sms", "\"on\":[\"not_delivered_within\"],\"within\":\"PT73H\"")), "to 72 h");
        bad.put(choice("whatsapp", fallback("sms", "\"on\":[\"not_delivered_within\"]")), "within is required");
        bad.put(choice("whatsapp", fallback("sms", "\"on\":[\"failed\"],\"within\":\"PT1M\"")), "only with not_delivered_within");
        bad.put(choice("whatsapp", fallback("sms", "\"on\":[\"whenever\"]")), "");
        // the original's e-mail address does not fit SMS: the attempt must name its own
        bad.put("{\"channel\":\"email\",\"to\":\"" + ADDRESS.get("email") + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"Hallo\"},\"fallback\":[{\"channel\":\"sms\",\"on\":[\"failed\"]}]}",
                "'to' defaults to the original's");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            String body = e.getKey();
            for (HttpResponse<String> r : List.of(preview(body), submit(body))) {
                assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
                assertThat(r.body()).as(body).contains(e.getValue());
            }
        }
        assertNoTrace();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Nothing of the tenant's anywhere: records, contacts, usage, status events, provider calls. */
    private void assertNoTrace() throws Exception {
        for (String table : List.of("messages", "contacts", "usage_counters")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Integer.class,
                    tenant)).as(table).isZero();
        }
        // status events only: saving the connectors published their health
        assertThat(receive(platform, "hub.events", "tenantId = '" + tenant + "' AND status IS NOT NULL", 1, 1_000))
                .isEmpty();
        PROVIDER.verify(0, anyRequestedFor(urlPathMatching(".*/(messages|Messages\\.json|agentMessages|sendMessage)")));
    }

    private HttpResponse<String> preview(String json) {
        return call(HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/" + tenant + "/messages/preview")))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A two-option question to the contact's address on {@code channel}, with {@code fallback} (JSON) if any. */
    private static String choice(String channel, String fallback) {
        ObjectNode s = HubJson.mapper().createObjectNode().put("channel", channel).put("to", ADDRESS.get(channel));
        ObjectNode content = s.putObject("content").put("type", "choice").put("text", "Wanneer schikt het?");
        ArrayNode choices = content.putArray("choices");
        choices.addObject().put("id", "testdrive").put("title", "Proefrit");
        choices.addObject().put("id", "call").put("title", "Bel mij");
        String json = s.toString();
        return fallback == null ? json : json.substring(0, json.length() - 1) + ",\"fallback\":[" + fallback + "]}";
    }

    /** One fallback attempt on {@code channel} to the contact's address there, with the given conditions. */
    private static String fallback(String channel, String conditions) {
        return "{\"channel\":\"" + channel + "\",\"to\":\"" + ADDRESS.getOrDefault(channel, "+31612345671") + "\","
                + conditions + "}";
    }
}
