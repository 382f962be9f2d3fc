package io.channelhub.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.routes.HubQueues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input at every door of the running hub (CONTRACT §4): each case gets its 4xx as
 * {@code application/problem+json} with a {@code detail} that says what is wrong, and changes nothing:
 * no message reaches any queue of the embedded broker, no row is written. No answer is ever a 5xx.
 */
class BadInputTest extends H2HubTest {
    private static final int MIB = 1024 * 1024;
    private static final String OK_TEXT = "{\"channel\":\"test\",\"to\":\"+31612345678\","
            + "\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}";

    @Autowired
    EmbeddedActiveMQ broker;
    @Autowired
    JdbcClient jdbc;

    private final List<HttpResponse<String>> responses = Collections.synchronizedList(new ArrayList<>());
    private String tenant;
    private String account;
    private String secret;
    private long queuedBefore;
    private Map<String, Long> rowsBefore;
    private Map<String, Object> connectorBefore;

    @BeforeEach
    void tenantWithConnector() {
        tenant = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        account = "acct-" + tenant;
        secret = "signing-secret-" + tenant;
        tenantWithTestConnector(tenant, "test", account, secret);
        responses.clear();
        baseline();
    }

    /** What "nothing changed" is measured against; waits until earlier tests' traffic has settled. */
    private void baseline() {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> last.getAndSet(queued()) == queued());
        queuedBefore = queued();
        rowsBefore = rows();
        connectorBefore = connectorRow(tenant, "test");
    }

    @AfterEach
    void nothingQueuedNothingStoredNoServerError() {
        assertThat(responses).as("answers").allSatisfy(r -> assertThat(r.statusCode())
                .as("%s %s answered %s", r.request().method(), r.request().uri(), r.body()).isLessThan(500));
        assertThat(queued()).as("messages added to the broker's queues").isEqualTo(queuedBefore);
        assertThat(rows()).as("rows in the hub's tables").isEqualTo(rowsBefore);
        assertThat(connectorRow(tenant, "test")).as("the tenant's connector").isEqualTo(connectorBefore);
    }

    // ---- webhooks ----------------------------------------------------------------------------------

    @Test
    void malformedJsonWithAValidSignatureIs400() {
        assertProblem(postTestWebhook(webhook(), secret, "{\"account\":\"" + account + "\",\"messages\":["),
                400, "json");
        assertProblem(postTestWebhook(webhook(), secret, "{\"account\":\"x\"} trailing"), 400, "json");
        assertProblem(postTestWebhook(webhook(), secret, ""), 400, "empty");
        HttpResponse<String> badForm = call(HttpRequest.newBuilder(URI.create(url(webhook())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Test-Signature", signature(secret, new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}))
                .build());
        assertProblem(badForm, 400, "utf-8");
    }

    @Test
    void webhookForAnUnknownTenantIs404() {
        assertProblem(postTestWebhook("/webhooks/test/nobody-" + tenant, secret, payload()), 404, "unknown tenant");
        assertProblem(postTestWebhook("/webhooks/test/Not-A-Tenant", secret, payload()), 404, "unknown tenant");
    }

    @Test
    void webhookForAnUnknownChannelIs404() {
        assertProblem(postTestWebhook("/webhooks/pigeon/" + tenant, secret, payload()), 404, "unknown channel");
        assertProblem(postTestWebhook("/webhooks/pigeon", secret, payload()), 404, "unknown channel");
    }

    @Test
    void webhookForAConnectorNotConfiguredIs404() {
        assertProblem(postTestWebhook("/webhooks/testwindow/" + tenant, secret, payload()), 404, "not configured");
    }

    @Test
    void platformWideWebhookForAnUnknownAccountIs404AndWithoutAnAccount400() {
        assertProblem(postTestWebhook("/webhooks/test", secret, "{\"account\":\"nobody-" + tenant + "\"}"), 404,
                "account");
        assertProblem(postTestWebhook("/webhooks/test", secret, "{\"messages\":[]}"), 400, "account");
        assertProblem(postTestWebhook("/webhooks/test", secret, "not json"), 400, "account");
    }

    @Test
    void badMissingForeignAndWrongSecretSignaturesAre401() {
        byte[] body = payload().getBytes(StandardCharsets.UTF_8);
        assertProblem(webhookWithSignature(body, "sha256=" + "00".repeat(32)), 401, "signature");
        assertProblem(webhookWithSignature(body, "garbage"), 401, "signature");
        assertProblem(webhookWithSignature(body, ""), 401, "signature");
        assertProblem(webhookWithSignature(body, null), 401, "signature");
        assertProblem(webhookWithSignature(body, signature(secret, "{\"account\":\"other\"}".getBytes(
                StandardCharsets.UTF_8))), 401, "signature");
        assertProblem(webhookWithSignature(body, signature("not-the-" + secret, body)), 401, "signature");
        assertProblem(webhookWithSignature(body, signature(secret, body).toUpperCase()), 401, "signature");
        // the signature is checked before the syntax: a malformed body without one is still a 401
        assertProblem(webhookWithSignature("{oops".getBytes(StandardCharsets.UTF_8), null), 401, "signature");
    }

    @Test
    void webhookBodyOver1MiBIs413WithAndWithoutContentLength() {
        byte[] big = paddedPayload(MIB + 1024);
        String signature = signature(secret, big);
        assertProblem(call(HttpRequest.newBuilder(URI.create(url(webhook())))
                .header("Content-Type", "application/json").header("X-Test-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build()), 413, "larger than");
        assertProblem(call(HttpRequest.newBuilder(URI.create(url(webhook())))
                .header("Content-Type", "application/json").header("X-Test-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build()),
                413, "larger than");
    }

    // ---- API authentication and authorisation --------------------------------------------------------

    @Test
    void noTokenOrAWrongTokenIs401() {
        String message = "/api/v1/tenants/" + tenant + "/messages/" + UUID.randomUUID();
        assertProblem(send("GET", message, null, null), 401, "token");
        assertProblem(send("GET", "/admin/v1/tenants", null, null), 401, "token");
        assertProblem(send("POST", messages(), null, OK_TEXT), 401, "token");
        assertProblem(send("GET", message, "wrong-token-0123456789", null), 401, "not valid");
        assertProblem(send("GET", "/admin/v1/tenants", PLATFORM + "x", null), 401, "not valid");
        assertProblem(send("POST", messages(), OPS.toUpperCase(), OK_TEXT), 401, "not valid");
        assertProblem(call(HttpRequest.newBuilder(URI.create(url(message)))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("platform:" + PLATFORM).getBytes(StandardCharsets.UTF_8))).GET().build()), 401, "token");
        assertProblem(call(HttpRequest.newBuilder(URI.create(url(message))).header("Authorization", "Bearer")
                .GET().build()), 401, "token");
    }

    @Test
    void aTokenOfTheWrongRoleIs403() {
        assertProblem(send("GET", "/admin/v1/tenants", PLATFORM, null), 403, "ops");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", PLATFORM,
                "{\"enabled\":false}"), 403, "ops");
        assertProblem(send("GET", "/admin/v1/tenants", SCOPED, null), 403, "ops");
        assertProblem(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + UUID.randomUUID(), OPS, null), 403,
                "platform");
        assertProblem(send("POST", messages(), OPS, OK_TEXT), 403, "platform");
    }

    @Test
    void aScopedTokenMayReadItsOwnTenantOnly() {
        assertProblem(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + UUID.randomUUID(), SCOPED, null),
                403, "another tenant");
        assertProblem(send("POST", messages(), SCOPED, OK_TEXT), 403, "another tenant");
        assertProblem(send("GET", "/api/v1/tenants/" + tenant + "/media/" + UUID.randomUUID(), SCOPED, null), 403,
                "another tenant");
        // its own tenant: let through, so the answer is the endpoint's own (no such message)
        assertProblem(send("GET", "/api/v1/tenants/dealer-a/messages/" + UUID.randomUUID(), SCOPED, null), 404,
                "no such message");
    }

    @Test
    void aScopedTokenCannotReachAnotherTenantsMessageByPathTricks() {
        HttpResponse<String> accepted = send("POST", messages(), PLATFORM, "{\"channel\":\"test\",\"to\":"
                + "\"+31619990000\",\"content\":{\"type\":\"text\",\"text\":\"private to " + tenant + "\"}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json(accepted.body()).path("id").asText();
        baseline(); // the accepted message above is this test's setup, not bad input
        for (String path : List.of(
                "/api/v1/tenants/dealer-a/../" + tenant + "/messages/" + id,
                "/api/v1/tenants/dealer-a/%2e%2e/" + tenant + "/messages/" + id,
                "/api/v1/tenants/dealer-a/..;/" + tenant + "/messages/" + id,
                "/api/v1/tenants/dealer-a;/../" + tenant + "/messages/" + id,
                "/api/v1/tenants/dealer-a%2F..%2F" + tenant + "/messages/" + id,
                "/api/v1/tenants/dealer-a/./../" + tenant + "/messages/" + id,
                "/api/v1/tenants//" + tenant + "/messages/" + id,
                "/api/v1/tenants/" + tenant + "/messages/" + id)) {
            HttpResponse<String> r = send("GET", path, SCOPED, null);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            assertThat(r.body()).as(path).doesNotContain("private to");
        }
    }

    // ---- API submissions -----------------------------------------------------------------------------

    @Test
    void malformedOrMistypedSubmissionsAre400() {
        assertProblem(submit("{\"channel\":\"test\","), 400, "json");
        assertProblem(submit("{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":5}"), 400, "content");
        assertProblem(submit("{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":\"hallo\"}"), 400, "content");
        assertProblem(submit("{\"channel\":[\"test\"],\"to\":\"+31612345678\",\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"}}"), 400, "channel");
        assertProblem(submit("{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"},\"category\":\"spam\"}"), 400, "category");
        assertProblem(submit("{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"},\"metadata\":\"not a map\"}"), 400, "metadata");
        assertProblem(submit("[]"), 400, "body");
        assertProblem(submit(""), 400, "body");
        assertProblem(submit("null"), 400, "body");
        assertProblem(submit(OK_TEXT + " {}"), 400, "body");
        assertProblem(submit(OK_TEXT + " trailing"), 400, "json");
    }

    @Test
    void submissionsMissingOrNamingAnUnknownChannelAre400() {
        assertProblem(submit("{\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"x\"}}"), 400,
                "channel");
        assertProblem(submit("{\"channel\":\"pigeon\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"}}"), 400, "unknown channel");
        assertProblem(submit("{\"channel\":\"\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"}}"), 400, "channel");
    }

    @Test
    void anAddressTheChannelCannotTakeIs400() {
        // "+31 6 12345678" is not among them: the hub writes it in E.164 (PhoneNumbersEndToEndTest)
        for (String to : List.of("0612345678", "31612345678", "+0612345678", "+316", "+31 6 1234", "+31 20 12345",
                "jan@example.nl", "+3161234567890123456")) {
            assertProblem(submit("{\"channel\":\"test\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\","
                    + "\"text\":\"x\"}}"), 400, "address");
        }
        assertProblem(submit("{\"channel\":\"test\",\"content\":{\"type\":\"text\",\"text\":\"x\"}}"), 400, "'to'");
        assertProblem(submit("{\"channel\":\"test\",\"to\":{\"name\":\"Jan\"},\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"}}"), 400, "'to'");
    }

    @Test
    void contentTheHubOrTheChannelDoesNotTakeIs400And415ForANonJsonBody() {
        assertProblem(submit(withContent("{\"type\":\"hologram\",\"frames\":[]}")), 400, "type");
        assertProblem(submit(withContent("{\"type\":\"carousel\",\"cards\":[]}")), 400, "content.cards");
        assertProblem(submit(withContent("{\"text\":\"no type\"}")), 400, "type");
        assertProblem(submit(withContent("{\"type\":\"location\",\"latitude\":52.1,\"longitude\":4.3}")), 400,
                "location");
        assertProblem(submit(withContent("{\"type\":\"choice_response\",\"id\":\"a\",\"title\":\"A\"}")), 400,
                "choice_response");
        assertProblem(submit(withContent("{\"type\":\"unsupported\",\"providerType\":\"x\"}")), 400, "unsupported");
        HttpResponse<String> plain = call(HttpRequest.newBuilder(URI.create(url(messages())))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(OK_TEXT)).build());
        assertProblem(plain, 415, "content-type");
    }

    @Test
    void emptyTextAndMediaWithoutAnHttpsUrlAre400() {
        assertProblem(submit(withContent("{\"type\":\"text\",\"text\":\"\"}")), 400, "text");
        assertProblem(submit(withContent("{\"type\":\"text\",\"text\":\"   \"}")), 400, "text");
        assertProblem(submit(withContent("{\"type\":\"text\"}")), 400, "text");
        assertProblem(submit(withContent("{\"type\":\"text\",\"text\":\"" + "x".repeat(16_385) + "\"}")), 400,
                "longer");
        assertProblem(submit(withContent("{\"type\":\"media\",\"mediaType\":\"image\","
                + "\"url\":\"http://cdn.example/a.jpg\"}")), 400, "https");
        assertProblem(submit(withContent("{\"type\":\"media\",\"mediaType\":\"image\"}")), 400, "https");
        assertProblem(submit(withContent("{\"type\":\"media\",\"mediaType\":\"image\","
                + "\"url\":\"file:///etc/passwd\"}")), 400, "https");
        assertProblem(submit(withContent("{\"type\":\"media\",\"url\":\"https://cdn.example/a.jpg\"}")), 400,
                "mediaType");
        assertProblem(submit(withContent("{\"type\":\"template\",\"language\":\"nl\"}")), 400, "name");
    }

    @Test
    void anOverLongIdempotencyKeyIs400() {
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(url(messages())))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .header("Idempotency-Key", "k".repeat(256))
                .POST(HttpRequest.BodyPublishers.ofString(OK_TEXT)).build());
        assertProblem(r, 400, "Idempotency-Key");
    }

    @Test
    void aSubmissionForAnotherOrUnknownTenantIsRefused() {
        assertProblem(submit("{\"tenantId\":\"dealer-a\",\"channel\":\"test\",\"to\":\"+31612345678\","
                + "\"content\":{\"type\":\"text\",\"text\":\"x\"}}"), 400, "tenantId");
        assertProblem(send("POST", "/api/v1/tenants/nobody-" + tenant + "/messages", PLATFORM, OK_TEXT), 404,
                "unknown tenant");
    }

    @Test
    void anApiBodyOver1MiBIs413WithAndWithoutContentLength() {
        byte[] big = withContent("{\"type\":\"text\",\"text\":\"" + "x".repeat(MIB) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(call(HttpRequest.newBuilder(URI.create(url(messages())))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build()), 413, "larger than");
        assertProblem(call(HttpRequest.newBuilder(URI.create(url(messages())))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build()),
                413, "larger than");
    }

    // ---- admin ---------------------------------------------------------------------------------------

    @Test
    void invalidTenantIdsAreRefusedAndCreateNothing() {
        List<String> invalid = List.of("Dealer-a", "DEALER", "d", "-dealer", "dealer_a", "dealer.a", "dealer%20a",
                "d" + "x".repeat(63), "x".repeat(200), "%C3%A9tienne");
        for (String id : invalid) {
            assertProblem(send("PUT", "/admin/v1/tenants/" + id, OPS, "{\"name\":\"x\"}"), 400, "tenant id");
        }
        for (String trick : List.of("../x", "..%2Fx", "%2e%2e%2fx", "..", "%2e%2e", "a/../../x", "x%00",
                "x;y=1", "x%5C..%5Cy")) {
            for (String method : List.of("PUT", "DELETE", "GET")) {
                String path = "/admin/v1/tenants/" + trick + (method.equals("GET") ? "/connectors" : "");
                HttpResponse<String> r = send(method, path, OPS, method.equals("PUT") ? "{\"name\":\"x\"}" : null);
                assertThat(r.statusCode()).as(method + " " + path + " -> " + r.body()).isIn(400, 404, 405);
            }
        }
        assertProblem(send("GET", "/admin/v1/tenants/DEALER/connectors", OPS, null), 404, "unknown tenant");
        assertProblem(send("DELETE", "/admin/v1/tenants/d" + "x".repeat(63), OPS, null), 404, "unknown tenant");
        assertThat(jdbc.sql("select id from tenants").query(String.class).list())
                .allSatisfy(id -> assertThat(id).matches("[a-z0-9][a-z0-9-]{1,62}"));
    }

    @Test
    void invalidTenantFieldsAre400AndLeaveTheTenantUnchanged() {
        String before = jdbc.sql("select name || '|' || retention_days || '|' || timezone from tenants where id = ?")
                .param(tenant).query(String.class).single();
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{}"), 400, "name");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"   \"}"), 400, "name");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"x\",\"retentionDays\":0}"), 400,
                "retentionDays");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"x\",\"retentionDays\":\"lots\"}"),
                400, "retentionDays");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"x\",\"timezone\":\"Mars/Base\"}"),
                400, "timezone");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"x\",\"quietHours\":\"25:00-08:00\"}"),
                400, "quietHours");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":"), 400, "json");
        assertProblem(send("PUT", "/admin/v1/tenants/" + tenant, OPS, null), 400, "body");
        assertThat(jdbc.sql("select name || '|' || retention_days || '|' || timezone from tenants where id = ?")
                .param(tenant).query(String.class).single()).isEqualTo(before);
    }

    @Test
    void badConnectorConfigurationsAre400Or404AndLeaveTheConnectorUnchanged() {
        String path = "/admin/v1/tenants/" + tenant + "/connectors/";
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{\"account\":\"" + account + "\",\"acount\":\"x\"}}"),
                400, "unknown setting 'acount'");
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{\"account\":\"" + account + "\"},"
                + "\"secrets\":{\"tokn\":\"x\"}}"), 400, "unknown secret 'tokn'");
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{}}"), 400, "account");
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{\"account\":\"  \"}}"), 400, "account");
        // emptying a required secret leaves the connector without a complete set
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{\"account\":\"" + account + "\"},"
                + "\"secrets\":{\"signingSecret\":\"\"}}"), 400, "secrets required");
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{\"account\":\"" + account + "\"},"
                + "\"secrets\":\"signingSecret\"}"), 400, "secrets");
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":[\"account\"]}"), 400, "settings");
        assertProblem(send("PUT", path + "test", OPS, "{\"settings\":{\"account\":"), 400, "json");
        assertProblem(send("PUT", path + "test", OPS, null), 400, "body");
        // a new connector with only part of the secrets is not created
        assertProblem(send("PUT", path + "testwindow", OPS, "{\"settings\":{\"account\":\"w\"},"
                + "\"secrets\":{\"token\":\"t\"}}"), 400, "secrets required");
        assertProblem(send("PUT", path + "testwindow", OPS, "{\"settings\":{\"account\":\"w\"}}"), 400,
                "secrets required");
        assertProblem(send("PUT", path + "pigeon", OPS, "{\"settings\":{}}"), 404, "unknown channel");
        assertProblem(send("PUT", "/admin/v1/tenants/nobody-" + tenant + "/connectors/test", OPS,
                "{\"settings\":{\"account\":\"a\"},\"secrets\":{\"token\":\"t\",\"signingSecret\":\"s\"}}"), 404,
                "unknown tenant");
        assertProblem(send("POST", path + "testwindow/enable", OPS, null), 404, "not configured");
        assertProblem(send("POST", path + "pigeon/disable", OPS, null), 404, null);
        assertThat(connectorRow(tenant, "testwindow")).isNull();
        assertThat(jdbc.sql("select count(*) from connectors where tenant_id = ?").param("nobody-" + tenant)
                .query(Long.class).single()).isZero();
    }

    @Test
    void badDeadLetterQueriesAre4xx() {
        assertProblem(send("GET", "/admin/v1/dead-letters?limit=0", OPS, null), 400, "limit");
        assertProblem(send("GET", "/admin/v1/dead-letters?limit=100000", OPS, null), 400, "limit");
        assertProblem(send("GET", "/admin/v1/dead-letters?limit=many", OPS, null), 400, "limit");
        assertProblem(send("POST", "/admin/v1/dead-letters/" + UUID.randomUUID() + "/replay", OPS, null), 404,
                "dead letter");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    @Override
    protected HttpResponse<String> call(HttpRequest request) {
        HttpResponse<String> response = super.call(request);
        responses.add(response);
        return response;
    }

    private String webhook() {
        return "/webhooks/test/" + tenant;
    }

    private String messages() {
        return "/api/v1/tenants/" + tenant + "/messages";
    }

    private String payload() {
        return "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pm-" + UUID.randomUUID()
                + "\",\"from\":\"+31612345678\",\"to\":\"+31201234567\",\"text\":\"hallo\"}]}";
    }

    private byte[] paddedPayload(int size) {
        String head = "{\"account\":\"" + account + "\",\"messages\":[],\"pad\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static String withContent(String content) {
        return "{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":" + content + "}";
    }

    private HttpResponse<String> submit(String json) {
        return call(HttpRequest.newBuilder(URI.create(url(messages())))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> webhookWithSignature(byte[] body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(webhook())))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Test-Signature", signature);
        }
        return call(b.build());
    }

    private static String signature(String secret, byte[] body) {
        return "sha256=" + HmacSignatures.hmacSha256Hex(secret, body);
    }

    /** Asserts a problem+json answer of {@code status} whose detail mentions {@code hint} (any case). */
    private static JsonNode assertProblem(HttpResponse<String> r, int status, String hint) {
        String what = r.request().method() + " " + r.request().uri() + " -> " + r.statusCode() + " " + r.body();
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = json(r.body());
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("title").asText()).as(what).isNotBlank();
        assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        if (hint != null) {
            assertThat(problem.path("detail").asText()).as(what).containsIgnoringCase(hint);
        }
        assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    private static JsonNode json(String body) {
        try {
            return HubJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** Messages ever added to the hub's queues: a rejected request must not add one. */
    private long queued() {
        long total = 0;
        for (String name : HubQueues.ALL) {
            Queue q = broker.getActiveMQServer().locateQueue(SimpleString.of(name));
            total += q == null ? 0 : q.getMessagesAdded();
        }
        return total;
    }

    private Map<String, Long> rows() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("tenants", "connectors", "messages", "message_status", "idempotency_keys",
                "contacts", "media", "dead_letters")) {
            counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }

    private Map<String, Object> connectorRow(String tenantId, String channel) {
        return jdbc.sql("select enabled, settings, secrets, routing_key from connectors where tenant_id = ? "
                + "and channel = ?").params(tenantId, channel).query().listOfRows().stream().findFirst().orElse(null);
    }
}
