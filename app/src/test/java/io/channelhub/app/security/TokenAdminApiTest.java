package io.channelhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ops manage API tokens at runtime (issue 22): a token made through {@code POST /admin/v1/tokens} works at
 * once, is listed without its value or hash, is refused once revoked or expired; bad input is a 4xx that
 * changes nothing; and no value or hash reaches a log line or a later answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenAdminApiTest extends H2HubTest {
    private static final String TOKENS = "/admin/v1/tokens";

    @Autowired
    JdbcClient jdbc;

    /** Every answer after the one that showed a value, to check none repeats it. */
    private final List<String> answers = new ArrayList<>();

    @Test
    void aTokenMadeAtRuntimeWorksIsListedWithoutItsValueAndIsRefusedOnceRevoked(CapturedOutput output) throws Exception {
        String name = "crm-" + unique();
        HttpResponse<String> made = send("POST", TOKENS, OPS,
                "{\"name\":\"" + name + "\",\"role\":\"platform\",\"tenantId\":\"dealer-a\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode created = json(made.body());
        String value = created.path("token").asText();
        assertThat(value).startsWith("plt_").hasSizeGreaterThan(40);
        assertThat(created.path("name").asText()).isEqualTo(name);
        assertThat(created.path("role").asText()).isEqualTo("platform");
        assertThat(created.path("tenantId").asText()).isEqualTo("dealer-a");
        assertThat(created.path("createdAt").asText()).isNotEmpty();
        assertThat(created.path("expiresAt").isNull()).isTrue();

        // it works at once, within its scope only
        assertThat(use("/api/v1/tenants/dealer-a/messages/" + UUID.randomUUID(), value)).isEqualTo(404);
        assertThat(use("/api/v1/tenants/dealer-b/messages/" + UUID.randomUUID(), value)).isEqualTo(403);
        assertThat(use(TOKENS, value)).as("a platform token on the ops API").isEqualTo(403);

        JsonNode listed = listed(name);
        assertThat(listed.path("role").asText()).isEqualTo("platform");
        assertThat(listed.path("tenantId").asText()).isEqualTo("dealer-a");
        assertThat(listed.path("source").asText()).isEqualTo("api");
        assertThat(listed.path("createdAt").asText()).isNotEmpty();
        assertThat(listed.path("lastUsedAt").asText()).as("written at the first use").isNotEmpty();
        assertThat(listed.has("token")).isFalse();
        JsonNode configured = listed("ops");
        assertThat(configured.path("source").asText()).isEqualTo("config");
        assertThat(configured.path("tenantId").isNull()).isTrue();

        assertThat(send("DELETE", TOKENS + "/" + name, OPS, null).statusCode()).isEqualTo(204);
        assertThat(use("/api/v1/tenants/dealer-a/messages/" + UUID.randomUUID(), value))
                .as("refused on this instance at once").isEqualTo(401);
        assertThat(send("DELETE", TOKENS + "/" + name, OPS, null).statusCode()).isEqualTo(404);
        assertThat(list().findValues("name")).extracting(JsonNode::asText).doesNotContain(name);

        String hash = TokenHashes.hash(value);
        assertThat(String.join("\n", answers)).doesNotContain(value).doesNotContain(hash);
        assertThat(output.getAll()).doesNotContain(value).doesNotContain(hash)
                .contains("API token " + name + " created (role platform, tenant dealer-a, expires never) by ops")
                .contains("API token " + name + " (role platform, tenant dealer-a, from api) revoked by ops");
    }

    /** The expiry is checked at each request: a cached answer (kept 5 s) does not extend it. */
    @Test
    void anExpiredTokenIsRefusedAtItsExpiryEvenWhileCached(CapturedOutput output) throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> made = send("POST", TOKENS, OPS, "{\"role\":\"ops\",\"expiresAt\":\"" + expiresAt + "\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode created = json(made.body());
        String value = created.path("token").asText();
        assertThat(created.path("name").asText()).as("a name is made when none is given").matches("ops-[0-9a-f]{8}");
        assertThat(Instant.parse(created.path("expiresAt").asText())).isEqualTo(expiresAt);
        assertThat(use(TOKENS, value)).isEqualTo(200);
        assertThat(Instant.parse(listed(created.path("name").asText()).path("expiresAt").asText())).isEqualTo(expiresAt);

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).until(() -> use(TOKENS, value) == 401);
        assertThat(Instant.now()).as("refused after the expiry, not when the cache entry ran out")
                .isAfter(expiresAt).isBefore(expiresAt.plusMillis(1500));
        assertThat(output.getAll()).doesNotContain(value).doesNotContain(TokenHashes.hash(value));
    }

    @Test
    void badRequestsAreProblemsThatChangeNothing() throws Exception {
        long rows = jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
        String past = Instant.now().minusSeconds(1).toString();
        for (String body : List.of("{}", "{\"role\":\"admin\"}", "{\"role\":null}", "{\"role\":\"ops\",\"tenantId\":\"dealer-a\"}",
                "{\"role\":\"platform\",\"tenantId\":\"Dealer A\"}", "{\"role\":\"ops\",\"expiresAt\":\"" + past + "\"}",
                "{\"role\":\"ops\",\"expiresAt\":\"tomorrow\"}", "{\"role\":\"ops\",\"name\":\"two words\"}",
                "{\"role\":\"ops\",\"name\":\"../ops\"}", "{\"role\":\"ops\",\"name\":\"" + "n".repeat(101) + "\"}",
                "{\"role\":\"ops\",\"name\":\"\"}", "{\"role\":", "[]")) {
            assertProblem(send("POST", TOKENS, OPS, body), 400, body);
        }
        assertProblem(send("POST", TOKENS, OPS, null), 400, "no body");
        assertProblem(send("POST", TOKENS, OPS, "{\"role\":\"ops\",\"name\":\"platform\"}"), 409, "a configured name");
        assertProblem(send("DELETE", TOKENS + "/nobody-" + unique(), OPS, null), 404, "unknown name");
        for (String token : List.of(PLATFORM, SCOPED)) {
            assertProblem(send("POST", TOKENS, token, "{\"role\":\"ops\"}"), 403, "platform token");
            assertProblem(send("GET", TOKENS, token, null), 403, "platform token");
            assertProblem(send("DELETE", TOKENS + "/ops", token, null), 403, "platform token");
        }
        assertProblem(send("GET", TOKENS, null, null), 401, "no token");
        assertThat(jdbc.sql("select count(*) from api_tokens").query(Long.class).single()).isEqualTo(rows);
        assertThat(use(TOKENS, OPS)).as("the configured tokens are untouched").isEqualTo(200);
    }

    private void assertProblem(HttpResponse<String> r, int status, String what) throws Exception {
        assertThat(r.statusCode()).as(what + " -> " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(r.body()).path("detail").asText()).as(what).isNotEmpty();
    }

    private int use(String path, String token) {
        HttpResponse<String> r = send("GET", path, token, null);
        answers.add(r.body());
        return r.statusCode();
    }

    private JsonNode list() throws Exception {
        HttpResponse<String> r = send("GET", TOKENS, OPS, null);
        assertThat(r.statusCode()).isEqualTo(200);
        answers.add(r.body());
        return json(r.body());
    }

    private JsonNode listed(String name) throws Exception {
        for (JsonNode t : list()) {
            if (t.path("name").asText().equals(name)) {
                assertThat(t.has("token") || t.has("hash") || t.has("tokenHash")).isFalse();
                return t;
            }
        }
        throw new AssertionError(name + " is not listed");
    }

    private static JsonNode json(String body) throws Exception {
        return HubJson.mapper().readTree(body);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
