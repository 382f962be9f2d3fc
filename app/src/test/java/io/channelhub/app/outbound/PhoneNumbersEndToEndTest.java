package io.channelhub.app.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 20 (3), through the running hub: the platform's phone numbers read by libphonenumber — normalised to
 * E.164, refused when invalid, refused for SMS when a landline — and quiet hours kept in the recipient's time,
 * the time zone of the number's country, not the tenant's.
 */
class PhoneNumbersEndToEndTest extends HubTestBase {
    static final String TENANT = "phone-dealer";
    static final String ACCOUNT = "acct-phone";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
    }

    @Test
    void aNumberWrittenWithSpacesIsSentInE164AndInvalidNumbersAndSmsToLandlinesAreRefused() throws Exception {
        tenantWithTestConnector(TENANT, "test", ACCOUNT, "s-phone");
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + ACCOUNT + "/messages")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"ph-{{randomValue length=10 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));

        HttpResponse<String> spaced = submit("test", "+31 6 1234-5678", "conversational");
        assertThat(spaced.statusCode()).as(spaced.body()).isEqualTo(202);
        String id = json(spaced).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(json(send("GET", "/api/v1/tenants/"
                + TENANT + "/messages/" + id, PLATFORM, null)).path("status").asText()));
        assertThat(PROVIDER.findAll(postRequestedFor(urlEqualTo("/" + ACCOUNT + "/messages"))))
                .anySatisfy(r -> assertThat(json(r.getBodyAsString()).path("to").asText()).isEqualTo("+31612345678"));

        for (String invalid : new String[] {"+31 6 1234", "+31 6 1234 5678 9", "0612345678", "+999 1234 5678"}) {
            HttpResponse<String> refused = submit("test", invalid, "conversational");
            assertThat(refused.statusCode()).as(invalid).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(refused.body()).contains("invalid_address").contains("a phone number in international format");
        }

        HttpResponse<String> landline = submit("sms", "+31 20 123 4567", "conversational");
        assertThat(landline.statusCode()).as(landline.body()).isEqualTo(400);
        assertThat(landline.body()).contains("invalid_address").contains("landline");
    }

    @Test
    void quietHoursAreKeptInTheRecipientsTimeZone() throws Exception {
        tenantWithTestConnector(TENANT + "-q", "test", ACCOUNT + "-q", "s-phone-q");
        // quiet now in Tokyo (UTC+9, no summer time), not in the tenant's UTC nor in London (UTC in winter and
        // UTC+1 in summer: 8 or 9 hours from Tokyo's window either way)
        int tokyoHour = Instant.now().atZone(ZoneId.of("Asia/Tokyo")).getHour();
        String quiet = String.format("%02d:00-%02d:00", (tokyoHour + 23) % 24, (tokyoHour + 2) % 24);
        assertThat(send("PUT", "/admin/v1/tenants/" + TENANT + "-q", OPS, "{\"name\":\"Phone Q\",\"timezone\":\"UTC\","
                + "\"quietHours\":\"" + quiet + "\"}").statusCode()).isEqualTo(200);

        for (String contact : new String[] {"+819012345678", "+447911123456"}) {
            assertThat(send("POST", "/api/v1/tenants/" + TENANT + "-q/contacts/" + contact.replace("+", "%2B")
                    + "/consent", PLATFORM, "{\"channel\":\"*\",\"scope\":\"marketing\",\"state\":\"opted_in\","
                    + "\"evidence\":\"newsletter sign-up\"}").statusCode()).isEqualTo(201);
        }
        JsonNode tokyo = preview("+81 90 1234 5678").path("attempts").get(0);
        assertThat(tokyo.path("verdict").asText()).as(tokyo.toString()).isEqualTo("deferred");
        assertThat(Instant.parse(tokyo.path("deferUntil").asText()).atZone(ZoneId.of("Asia/Tokyo")).getHour())
                .isEqualTo((tokyoHour + 2) % 24);
        JsonNode london = preview("+44 7911 123456").path("attempts").get(0);
        assertThat(london.path("verdict").asText()).as(london.toString()).isEqualTo("send");
    }

    private JsonNode preview(String to) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + TENANT + "-q/messages/preview", PLATFORM,
                "{\"channel\":\"test\",\"to\":\"" + to + "\",\"category\":\"marketing\",\"content\":{\"type\":\"text\","
                        + "\"text\":\"Winteractie\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private HttpResponse<String> submit(String channel, String to, String category) {
        return send("POST", "/api/v1/tenants/" + TENANT + "/messages", PLATFORM, "{\"channel\":\"" + channel
                + "\",\"to\":\"" + to + "\",\"category\":\"" + category + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"Hallo\"}}");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return HubJson.mapper().readTree(r.body());
    }

    private static JsonNode json(String s) throws Exception {
        return HubJson.mapper().readTree(s);
    }
}
