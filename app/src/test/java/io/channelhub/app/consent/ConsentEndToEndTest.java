package io.channelhub.app.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 20 (1), through the running hub: marketing goes only to a contact with a recorded opt-in to marketing on
 * its channel (or one the platform recorded for every channel); every consent — from the platform, a keyword, a
 * provider — is kept with its proof and read back as the contact's history; an older consent recorded late does
 * not override what the contact said since; erasure takes the history with the contact.
 */
class ConsentEndToEndTest extends HubTestBase {
    String tenant;
    String account;
    String secret;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
    }

    @BeforeEach
    void tenantWithConnector() {
        tenant = "consent-" + UUID.randomUUID().toString().substring(0, 8);
        account = "acct-" + tenant;
        secret = "s-" + tenant;
        tenantWithTestConnector(tenant, "test", account, secret);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"cs-{{randomValue length=10 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
    }

    @Test
    void marketingNeedsARecordedOptInAndTheHistoryKeepsEveryConsentWithItsProof() throws Exception {
        String contact = "+31612340001";
        String refused = marketing(contact, "Winteractie");
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(status(refused).path("status").asText()));
        assertThat(rejectedBecause(refused)).isEqualTo("no_marketing_consent");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(contact))));

        Instant formFilledIn = Instant.parse("2026-11-28T09:15:00Z");
        HttpResponse<String> recorded = consent(contact, "{\"channel\":\"test\",\"scope\":\"marketing\","
                + "\"state\":\"opted_in\",\"evidence\":\"web form proefrit-aanvraag #4711, box ticked\","
                + "\"givenAt\":\"" + formFilledIn + "\"}");
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        String sent = marketing(contact, "Winteractie 2");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(sent).path("status").asText()));

        // the contact says STOP afterwards; a signed contract from before, recorded late, does not undo that
        postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"messages\":[{\"id\":"
                + "\"cs-stop\",\"from\":\"" + contact + "\",\"to\":\"+3120\",\"text\":\"STOP\"}]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> history(contact).size() == 2);
        // the hub confirms, in Dutch: "STOP" is in five of its languages, and the number is Dutch
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PROVIDER.verify(1,
                postRequestedFor(urlEqualTo("/" + account + "/messages"))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(contact)))
                        .withRequestBody(matchingJsonPath("$.text", WireMock.containing("Je bent afgemeld")))));
        assertThat(consent(contact, "{\"channel\":\"test\",\"scope\":\"all\",\"state\":\"opted_in\","
                + "\"evidence\":\"contract 2026-0042, signed in the showroom\",\"givenAt\":\"2026-11-01T10:00:00Z\"}")
                .statusCode()).isEqualTo(201);
        String afterStop = marketing(contact, "Winteractie 3");
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(status(afterStop).path("status").asText()));
        assertThat(rejectedBecause(afterStop)).isEqualTo("opted_out");

        List<JsonNode> history = history(contact);
        assertThat(history).extracting(e -> e.path("source").asText() + " " + e.path("scope").asText() + " "
                + e.path("state").asText()).containsExactly("keyword all opted_out", "platform_api marketing opted_in",
                "platform_api all opted_in");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("contact");
        assertThat(history.get(0).path("evidence").asText()).contains("STOP");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("platform");
        assertThat(history.get(1).path("evidence").asText()).isEqualTo("web form proefrit-aanvraag #4711, box ticked");
        assertThat(Instant.parse(history.get(1).path("givenAt").asText())).isEqualTo(formFilledIn);
        assertThat(history.get(1).path("recordedAt").asText()).isNotBlank();

        assertThat(send("DELETE", "/admin/v1/tenants/" + tenant + "/contacts/" + contact.replace("+", "%2B"), OPS, null)
                .statusCode()).isEqualTo(200);
        assertThat(history(contact)).as("erased with the contact").isEmpty();
    }

    @Test
    void anOptInForEveryChannelCoversTheChannelUnlessTheContactSaidOtherwiseThere() throws Exception {
        String contact = "+31612340002";
        assertThat(consent(contact, "{\"channel\":\"*\",\"scope\":\"marketing\",\"state\":\"opted_in\","
                + "\"evidence\":\"newsletter sign-up, double opt-in confirmed\"}").statusCode()).isEqualTo(201);
        String sent = marketing(contact, "Voorjaarsactie");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(sent).path("status").asText()));

        assertThat(consent(contact, "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"opted_out\","
                + "\"evidence\":\"asked the sales desk by phone to stop offers on this channel\"}").statusCode())
                .isEqualTo(201);
        String refused = marketing(contact, "Voorjaarsactie 2");
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(status(refused).path("status").asText()));
        assertThat(rejectedBecause(refused)).isEqualTo("no_marketing_consent");
    }

    @Test
    void badConsentRequestsAreRefusedAndRecordNothing() throws Exception {
        String contact = "+31612340003";
        String[] bad = {
                "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"opted_in\"}",
                "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"opted_in\",\"evidence\":\" \"}",
                "{\"channel\":\"fax\",\"scope\":\"marketing\",\"state\":\"opted_in\",\"evidence\":\"x\"}",
                "{\"channel\":\"test\",\"scope\":\"newsletters\",\"state\":\"opted_in\",\"evidence\":\"x\"}",
                "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"maybe\",\"evidence\":\"x\"}",
                "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"opted_in\",\"evidence\":\"x\","
                        + "\"givenAt\":\"2999-01-01T00:00:00Z\"}",
                "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"opted_in\",\"evidence\":\""
                        + "x".repeat(1001) + "\"}",
                "not json"};
        for (String body : bad) {
            HttpResponse<String> r = consent(contact, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(send("POST", "/api/v1/tenants/nobody-here/contacts/%2B31612340003/consent", PLATFORM,
                "{\"channel\":\"test\",\"scope\":\"marketing\",\"state\":\"opted_in\",\"evidence\":\"x\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/tenants/" + tenant + "/contacts/%2B31612340003/consent", null, null)
                .statusCode()).isEqualTo(401);
        assertThat(history(contact)).isEmpty();
    }

    private String marketing(String to, String text) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"" + to + "\",\"category\":\"marketing\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return HubJson.mapper().readTree(r.body()).path("id").asText();
    }

    private HttpResponse<String> consent(String contact, String body) {
        return send("POST", "/api/v1/tenants/" + tenant + "/contacts/" + contact.replace("+", "%2B") + "/consent",
                PLATFORM, body);
    }

    private List<JsonNode> history(String contact) throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/tenants/" + tenant + "/contacts/" + contact.replace("+", "%2B")
                + "/consent", PLATFORM, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> entries = new java.util.ArrayList<>();
        HubJson.mapper().readTree(r.body()).forEach(entries::add);
        return entries;
    }

    private JsonNode status(String id) {
        return messageView(tenant, id);
    }

    private String rejectedBecause(String id) {
        return rejectedBecause(tenant, id);
    }
}
