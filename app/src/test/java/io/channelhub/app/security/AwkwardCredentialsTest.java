package io.channelhub.app.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Credentials pasted with characters no HTTP header can carry (a trailing newline, the ellipsis of a
 * documentation example, control characters, non-ASCII) through save, credential check and send. The
 * real connectors refuse them on save with a 400 naming the field; a connector that does not check them
 * (the test connector) meets the HTTP client's refusal, which quotes the value: the hub still ends the
 * message and logs only a redacted text. In no case does the value appear in the hub's output or answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class AwkwardCredentialsTest extends H2HubTest {
    private static final String TO = "+31610000009";
    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    private String tenant;
    private String core;

    /** How each variant spoils a token: the distinctive core stays, so a leak of any part of it is found. */
    static Stream<String> spoilers() {
        return Stream.of("%s\n", "%s\r\n", "EAAG%s…", "%s\u0000", "%s\tx", "Bearer %s", "%s\u007f", "%sé",
                "%s\uD83D\uDE97", "\n%s");
    }

    @BeforeEach
    void distinctiveTenant() {
        String unique = UUID.randomUUID().toString().replace("-", "");
        tenant = "awk-" + unique.substring(0, 8);
        core = "tokS3CR3T" + unique;
        logging.setLogLevel("io.channelhub", LogLevel.DEBUG);
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"Awkward\"}").statusCode())
                .isEqualTo(201);
        // every request the test connector can still make matches a stub: WireMock prints no near misses
        PROVIDER.stubFor(get(urlPathEqualTo("/me")).willReturn(aResponse().withStatus(401)));
        PROVIDER.stubFor(post(urlEqualTo("/acct-" + tenant + "/messages")).willReturn(aResponse().withStatus(401)));
    }

    @AfterEach
    void restoreLogLevel() {
        logging.setLogLevel("io.channelhub", null);
    }

    @ParameterizedTest
    @MethodSource("spoilers")
    void anUncheckedConnectorsSendEndsTheMessageAndNothingQuotesTheToken(String spoiler, CapturedOutput output) {
        String token = spoiler.formatted(core);
        HttpResponse<String> saved = putConnector("test", Map.of("account", "acct-" + tenant),
                Map.of("token", token, "signingSecret", "sig-" + core));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved.body()).path("health").asText()).isIn("unhealthy", "unreachable");

        String id = json(send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"" + TO + "\",\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}").body()).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> Set.of("failed", "sent").contains(
                json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body())
                        .path("status").asText()));
        JsonNode message = json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body());

        assertThat(message.path("status").asText()).isEqualTo("failed");
        assertNoLeak(saved.body() + message + connectors(), output);
    }

    @ParameterizedTest
    @MethodSource("spoilers")
    void aTwilioAuthTokenNoHeaderCanCarryIsRefusedOnSaveByName(String spoiler, CapturedOutput output) {
        HttpResponse<String> refused = putConnector("sms",
                Map.of("accountSid", "AC" + "0".repeat(32), "fromNumber", "+3197010000001"),
                Map.of("authToken", spoiler.formatted(core)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused.body()).path("detail").asText()).contains("authToken");
        assertThat(connectors()).as("nothing saved").isEqualTo("[]");
        assertNoLeak(refused.body(), output);
    }

    @ParameterizedTest
    @MethodSource("spoilers")
    void aWhatsAppAccessTokenNoHeaderCanCarryIsRefusedOnSaveByName(String spoiler, CapturedOutput output) {
        HttpResponse<String> refused = putConnector("whatsapp", Map.of("phoneNumberId", "1065" + core.length()),
                Map.of("accessToken", spoiler.formatted(core), "appSecret", "app-" + tenant));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused.body()).path("detail").asText()).contains("accessToken");
        assertThat(connectors()).as("nothing saved").isEqualTo("[]");
        assertNoLeak(refused.body(), output);
    }

    private HttpResponse<String> putConnector(String channel, Map<String, String> settings, Map<String, String> secrets) {
        ObjectNode body = HubJson.mapper().createObjectNode().put("enabled", true);
        body.set("settings", HubJson.mapper().valueToTree(settings));
        body.set("secrets", HubJson.mapper().valueToTree(secrets));
        return send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/" + channel, OPS, body.toString());
    }

    private String connectors() {
        return send("GET", "/admin/v1/tenants/" + tenant + "/connectors", OPS, null).body();
    }

    private void assertNoLeak(String answers, CapturedOutput output) {
        for (String where : List.of(answers, output.getAll())) {
            int at = where.indexOf(core);
            if (at >= 0) {
                int from = Math.max(0, where.lastIndexOf('\n', at) + 1);
                throw new AssertionError("the token appears: "
                        + where.substring(from, Math.min(where.length(), from + 600)).replace(core, "<TOKEN>"));
            }
        }
    }

    private static JsonNode json(String s) {
        try {
            return HubJson.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
