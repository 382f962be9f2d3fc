package io.channelhub.app.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.HubProperties;
import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A connector's secrets are write-only (CONTRACT §4): after flows that use every one of them — a send, a
 * send the provider refuses with 401, webhooks with bad signatures, handshakes, credential checks — no
 * secret shows in any HTTP answer, in any line the hub printed (its own code at DEBUG), or in the
 * database in clear; the stored ciphertext opens only with the hub's key and only in its own row.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest extends H2HubTest {
    private static final String OK_TO = "+31610000001";
    private static final String REFUSED_TO = "+31610000002";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectorRepository connectorRecords;
    @Autowired
    TenantConnectors tenantConnectors;

    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());
    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    private String tenant;
    private String account;
    private String token;
    private String signingSecret;
    private String verifyToken;

    @BeforeEach
    void distinctiveSecrets() {
        String unique = UUID.randomUUID().toString().replace("-", "");
        tenant = "leak-" + unique.substring(0, 8);
        account = "acct-" + tenant;
        // letters and digits only, like real provider tokens: a parser error message would quote one whole
        token = "tokS3CR3T" + unique;
        signingSecret = "sigS3CR3T" + unique;
        verifyToken = "verS3CR3T" + unique;
        // the hub's own debug lines must be as clean as its info lines
        logging.setLogLevel("io.channelhub", LogLevel.DEBUG);
        // every request the hub makes to the fake provider matches a stub, so WireMock prints no near misses
        PROVIDER.stubFor(get(urlPathEqualTo("/me")).atPriority(9).willReturn(aResponse().withStatus(401)));
        PROVIDER.stubFor(get(urlPathEqualTo("/me")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(aResponse().withStatus(200)));
        PROVIDER.stubFor(post(urlEqualTo("/" + account + "/messages")).atPriority(5)
                .withRequestBody(matchingJsonPath("$.to", equalTo(OK_TO)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"prov-ok\"}")));
        PROVIDER.stubFor(post(urlEqualTo("/" + account + "/messages")).atPriority(5)
                .withRequestBody(matchingJsonPath("$.to", equalTo(REFUSED_TO)))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid token\"}")));
    }

    @AfterEach
    void restoreLogLevel() {
        logging.setLogLevel("io.channelhub", null);
    }

    @Test
    void secretsStayOutOfAnswersLogsAndTheDatabase(CapturedOutput output) throws Exception {
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"Leak check\"}").statusCode())
                .isEqualTo(201);

        // configured: the answer names the secrets, masked, and the credential check passes
        JsonNode saved = json(putConnector(true, "{\"token\":\"" + token + "\",\"signingSecret\":\"" + signingSecret
                + "\",\"verifyToken\":\"" + verifyToken + "\"}", 200));
        assertMasked(saved);
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertMasked(connectorView());

        // a send that works, and one the provider refuses with 401: the connector turns unhealthy
        String sent = submit(OK_TO);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(message(sent).path("status").asText()));
        String refused = submit(REFUSED_TO);
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(message(refused).path("status").asText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "unhealthy".equals(connectorView().path("health").asText()));
        assertMasked(connectorView());

        // webhooks: bad signatures, a "signature" that is the secret itself, handshakes right and wrong
        String body = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pm-leak\",\"from\":\"+31612345678\","
                + "\"to\":\"+3120\",\"text\":\"hallo\"}]}";
        assertThat(postTestWebhook("/webhooks/test/" + tenant, "wrong-" + signingSecret, body).statusCode())
                .isEqualTo(401);
        assertThat(webhookSignedWith(body, signingSecret).statusCode()).isEqualTo(401);
        assertThat(webhookSignedWith(body, "sha256=" + signingSecret).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/webhooks/test/" + tenant + "?token=" + verifyToken + "-no&challenge=c1", null, null)
                .statusCode()).isEqualTo(403);
        assertThat(send("GET", "/webhooks/test/" + tenant + "?token=" + verifyToken + "&challenge=c2", null, null)
                .body()).isEqualTo("c2");

        // bad connector updates that carry secrets: the problem answers do not repeat them
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS, "{\"settings\":{\"account\":\""
                + account + "\"},\"secrets\":{\"tokn\":\"" + token + "\"}}").statusCode()).isEqualTo(400);
        HttpResponse<String> unquoted = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS,
                "{\"settings\":{\"account\":\"" + account + "\"},\"secrets\":{\"token\":" + token + "}}");
        assertThat(unquoted.statusCode()).isEqualTo(400);
        assertThat(json(unquoted.body()).path("detail").asText()).contains("not well-formed JSON");
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS, "{\"settings\":{\"account\":\""
                + account + "\"},\"secrets\":{\"token\":\"" + token + "\",\"signingSecret\":\"" + signingSecret)
                .statusCode()).isEqualTo(400);

        // a credential check the provider refuses: the connector is marked unhealthy, the answer stays masked
        JsonNode rechecked = json(putConnector(true, "{\"token\":\"" + token + "-rotated\"}", 200));
        assertMasked(rechecked);
        assertThat(rechecked.path("health").asText()).isEqualTo("unhealthy");
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS, "{\"settings\":{\"account\":\""
                + account + "\"},\"secrets\":{\"token\":\"" + token + "\"}}").statusCode()).isEqualTo(200);

        // a disabled connector's webhook is logged (by tenant): proof that the hub's lines are captured here
        send("POST", "/admin/v1/tenants/" + tenant + "/connectors/test/disable", OPS, null);
        assertThat(postTestWebhook("/webhooks/test/" + tenant, signingSecret, body).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains(tenant));

        List<String> secrets = List.of(token, signingSecret, verifyToken, token + "Rotated");
        assertThat(answers).isNotEmpty().allSatisfy(a -> assertContainsNone(a, secrets, "an HTTP answer"));
        assertContainsNone(output.getAll(), secrets, "the hub's output");

        String stored = jdbc.sql("select secrets from connectors where tenant_id = ? and channel = 'test'")
                .param(tenant).query(String.class).single();
        assertContainsNone(stored, secrets, "connectors.secrets");
        assertContainsNone(stored, secrets.stream().map(s -> Base64.getEncoder().encodeToString(
                s.getBytes(StandardCharsets.UTF_8))).toList(), "connectors.secrets");
        ConnectorRecord record = connectorRecords.find(tenant, "test").orElseThrow();
        assertThat(tenantConnectors.decryptSecrets(record))
                .isEqualTo(Map.of("token", token, "signingSecret", signingSecret, "verifyToken", verifyToken));
        assertThat(record.toString()).doesNotContain(stored);
    }

    @Test
    void theStoredCiphertextOpensOnlyWithTheHubsKeyAndInItsOwnRow(@TempDir Path otherDataDir) {
        send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"Leak check A\"}");
        putConnector(false, "{\"token\":\"" + token + "\",\"signingSecret\":\"" + signingSecret + "\"}", 200);
        String other = tenant + "-b";
        send("PUT", "/admin/v1/tenants/" + other, OPS, "{\"name\":\"Leak check B\"}");
        assertThat(send("PUT", "/admin/v1/tenants/" + other + "/connectors/test", OPS, "{\"enabled\":false,"
                + "\"settings\":{\"account\":\"acct-" + other + "\"},\"secrets\":{\"token\":\"b-" + token + "\","
                + "\"signingSecret\":\"b-" + signingSecret + "\"}}").statusCode()).isEqualTo(200);

        ConnectorRecord mine = connectorRecords.find(tenant, "test").orElseThrow();
        ConnectorRecord theirs = connectorRecords.find(other, "test").orElseThrow();
        assertThat(tenantConnectors.decryptSecrets(theirs)).containsEntry("token", "b-" + token);

        // A's ciphertext in B's row (and under another channel of A): AES-GCM's associated data refuses it
        ConnectorRecord moved = withSecrets(theirs, mine.encryptedSecrets());
        assertThatThrownBy(() -> tenantConnectors.decryptSecrets(moved)).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertContainsNone(stackTrace(e), List.of(token, signingSecret), "the error"));
        ConnectorRecord otherChannel = new ConnectorRecord(tenant, "testwindow", false, mine.settings(),
                mine.encryptedSecrets(), "unknown", null, null, null, mine.updatedAt(), null, null);
        assertThatThrownBy(() -> tenantConnectors.decryptSecrets(otherChannel))
                .isInstanceOf(IllegalStateException.class);

        // the same, stored: B's row holding A's ciphertext does not open
        String original = theirs.encryptedSecrets();
        jdbc.sql("update connectors set secrets = ? where tenant_id = ? and channel = 'test'")
                .params(mine.encryptedSecrets(), other).update();
        try {
            ConnectorRecord reread = connectorRecords.find(other, "test").orElseThrow();
            assertThatThrownBy(() -> tenantConnectors.decryptSecrets(reread))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            jdbc.sql("update connectors set secrets = ? where tenant_id = ? and channel = 'test'")
                    .params(original, other).update();
            tenantConnectors.invalidate(other, "test");
        }

        // a hub with another key cannot open it either
        SecretCipher foreign = new SecretCipher(new Binder(new MapConfigurationPropertySource(Map.of(
                "hub.data-dir", otherDataDir.toString()))).bindOrCreate("hub", HubProperties.class));
        assertThat(Files.exists(otherDataDir.resolve("dev-master.key"))).isTrue();
        assertThatThrownBy(() -> foreign.decrypt(mine.encryptedSecrets(), tenant + "/test"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tenantConnectors.decryptSecrets(mine)).containsEntry("token", token);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    @Override
    protected HttpResponse<String> call(HttpRequest request) {
        HttpResponse<String> response = super.call(request);
        answers.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
        return response;
    }

    private String putConnector(boolean enabled, String secretsJson, int expectedStatus) {
        HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS, "{\"enabled\":"
                + enabled + ",\"settings\":{\"account\":\"" + account + "\"},\"secrets\":" + secretsJson + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return r.body();
    }

    private JsonNode connectorView() {
        JsonNode list = json(send("GET", "/admin/v1/tenants/" + tenant + "/connectors", OPS, null).body());
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private String submit(String to) {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM, "{\"channel\":"
                + "\"test\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\",\"text\":\"leak check\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r.body()).path("id").asText();
    }

    private JsonNode message(String id) {
        return json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body());
    }

    private HttpResponse<String> webhookSignedWith(String body, String signatureHeader) {
        return call(HttpRequest.newBuilder(URI.create(url("/webhooks/test/" + tenant)))
                .header("Content-Type", "application/json").header("X-Test-Signature", signatureHeader)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertMasked(JsonNode connector) {
        assertThat(connector.path("secrets").isObject()).as(connector.toString()).isTrue();
        assertThat(connector.path("secrets").properties()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getValue().asText()).as(e.getKey()).isEqualTo("***"));
    }

    private static void assertContainsNone(String text, List<String> secrets, String where) {
        for (String secret : secrets) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                // show where, without printing the secret itself into the test report
                int from = Math.max(0, text.lastIndexOf('\n', at) + 1);
                int to = text.indexOf('\n', at) < 0 ? text.length() : text.indexOf('\n', at);
                throw new AssertionError("a secret appears in " + where + ": "
                        + text.substring(from, Math.min(to, from + 2000)).replace(secret, "<SECRET>"));
            }
        }
    }

    private static ConnectorRecord withSecrets(ConnectorRecord r, String encrypted) {
        return new ConnectorRecord(r.tenantId(), r.channel(), r.enabled(), r.settings(), encrypted, r.health(),
                r.healthDetail(), r.lastError(), r.lastErrorAt(), r.updatedAt(), r.credentialsRenewedAt(),
                r.credentialsExpireAt());
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static JsonNode json(String body) {
        try {
            return HubJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
