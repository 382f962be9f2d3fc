package io.channelhub.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.security.TokenHashes;
import io.channelhub.app.support.HubProcess;
import io.channelhub.app.support.PostgresCondition;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, the production shape: two packaged hubs on one PostgreSQL schema, started at the same moment on
 * an empty schema. With no tokens configured exactly one pair is generated, printed by one hub only, and
 * accepted by both; with configured tokens both accept them; a token made or revoked through one hub's API
 * holds on the other within the cache bound. No log holds a token's hash, nor a value that was not printed
 * on purpose (the generated pair, once).
 */
@ExtendWith(PostgresCondition.class)
class TokensAcrossInstancesIT {
    /** hub.security.token-cache-ttl, left at its default: the bound the README states. */
    static final Duration BOUND = Duration.ofSeconds(5);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = System.getProperty("hub.test.postgres.user", "postgres");
    static final Pattern PRINTED = Pattern.compile("(ops|platform) token: (\\S+)");

    @TempDir
    Path dir;
    private final List<HubProcess> hubs = new ArrayList<>();

    @AfterEach
    void stop() {
        hubs.forEach(HubProcess::close);
    }

    @Test
    void onAnEmptySchemaExactlyOnePairIsGeneratedAndBothHubsAcceptItAndEachOthersChanges() throws Exception {
        String schema = emptySchema();
        startTogether(schema, Map.of());

        List<Map<String, String>> printed = List.of(printed(hubs.get(0)), printed(hubs.get(1)));
        assertThat(printed).as("the pair is printed by exactly one hub").filteredOn(p -> !p.isEmpty()).hasSize(1)
                .allSatisfy(p -> assertThat(p).containsOnlyKeys("ops", "platform"));
        Map<String, String> pair = printed.get(0).isEmpty() ? printed.get(1) : printed.get(0);
        assertThat(rows(schema)).containsExactlyInAnyOrder("generated-ops", "generated-platform");
        String ops = pair.get("ops");
        for (HubProcess hub : hubs) {
            assertThat(hub.call("GET", "/admin/v1/tokens", ops, null).statusCode()).isEqualTo(200);
            assertThat(hub.call("GET", message(), pair.get("platform"), null).statusCode()).isEqualTo(404);
        }

        // made on one hub: accepted by the other within the bound
        HttpResponse<String> made = hubs.get(0).call("POST", "/admin/v1/tokens", ops,
                "{\"name\":\"crm\",\"role\":\"platform\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String crm = HubJson.mapper().readTree(made.body()).path("token").asText();
        long createdAt = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> hubs.get(1).call("GET", message(), crm, null).statusCode() == 404);
        assertThat(Duration.ofNanos(System.nanoTime() - createdAt)).isLessThanOrEqualTo(BOUND);

        // revoked on one hub while the other has it cached: refused there within the bound
        assertThat(hubs.get(0).call("GET", message(), crm, null).statusCode()).isEqualTo(404);
        assertThat(hubs.get(1).call("DELETE", "/admin/v1/tokens/crm", ops, null).statusCode()).isEqualTo(204);
        long revokedAt = System.nanoTime();
        assertThat(hubs.get(1).call("GET", message(), crm, null).statusCode()).as("at once where revoked")
                .isEqualTo(401);
        await().atMost(BOUND.plusSeconds(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> hubs.get(0).call("GET", message(), crm, null).statusCode() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(BOUND.plusMillis(500));
        List<JsonNode> listed = new ArrayList<>();
        HubJson.mapper().readTree(hubs.get(0).call("GET", "/admin/v1/tokens", ops, null).body()).forEach(listed::add);
        assertThat(listed).extracting(t -> t.path("name").asText())
                .containsExactlyInAnyOrder("generated-ops", "generated-platform");

        for (HubProcess hub : hubs) {
            String log = Files.readString(hub.log());
            assertThat(log).doesNotContain(crm).doesNotContain(TokenHashes.hash(crm));
            for (String value : pair.values()) {
                assertThat(log).doesNotContain(TokenHashes.hash(value));
                assertThat(log.split(Pattern.quote(value), -1)).as("printed once at most").hasSizeLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void onAnEmptySchemaBothHubsAcceptTheConfiguredTokens() throws Exception {
        String schema = emptySchema();
        Map<String, String> configured = Map.of(
                "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                "hub.security.tokens[0].token", "ops-two-instances-0123456789",
                "hub.security.tokens[1].name", "platform", "hub.security.tokens[1].role", "platform",
                "hub.security.tokens[1].token", "platform-two-instances-0123456789",
                "hub.security.tokens[2].name", "scoped", "hub.security.tokens[2].role", "platform",
                "hub.security.tokens[2].tenant-id", "dealer-a",
                "hub.security.tokens[2].token", "scoped-two-instances-0123456789");
        startTogether(schema, configured);

        assertThat(rows(schema)).containsExactlyInAnyOrder("ops", "platform", "scoped");
        for (HubProcess hub : hubs) {
            assertThat(hub.call("GET", "/admin/v1/tokens", "ops-two-instances-0123456789", null).statusCode())
                    .isEqualTo(200);
            assertThat(hub.call("GET", message(), "platform-two-instances-0123456789", null).statusCode())
                    .isEqualTo(404);
            assertThat(hub.call("GET", message(), "scoped-two-instances-0123456789", null).statusCode())
                    .isEqualTo(404);
            String log = Files.readString(hub.log());
            assertThat(printed(hub)).as("nothing generated").isEmpty();
            for (String value : List.of("ops-two-instances-0123456789", "platform-two-instances-0123456789",
                    "scoped-two-instances-0123456789")) {
                assertThat(log).doesNotContain(value).doesNotContain(TokenHashes.hash(value));
            }
        }
    }

    /** Both hubs launched at once; each waits for its own health. */
    private void startTogether(String schema, Map<String, String> tokens) {
        for (int i = 1; i <= 2; i++) {
            Map<String, String> properties = new HashMap<>(tokens);
            properties.put("spring.datasource.url", DATABASE + "?currentSchema=" + schema);
            properties.put("spring.datasource.username", USER);
            properties.put("spring.datasource.password", "");
            properties.put("spring.flyway.schemas", schema);
            properties.put("spring.flyway.default-schema", schema);
            hubs.add(new HubProcess(dir.resolve("hub-" + i), properties));
        }
        CompletableFuture.allOf(hubs.stream().map(h -> CompletableFuture.runAsync(() -> h.start(START_TIMEOUT)))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** A fresh schema, created here so that the race is the hubs' and not Flyway's creating it. */
    private static String emptySchema() throws SQLException {
        String schema = "hub_tokens_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(DATABASE, USER, "")) {
            c.createStatement().execute("create schema " + schema);
        }
        return schema;
    }

    private static List<String> rows(String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(DATABASE, USER, "");
             ResultSet rs = c.createStatement().executeQuery("select name from " + schema + ".api_tokens")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The generated values a hub printed, by role. */
    private static Map<String, String> printed(HubProcess hub) throws IOException {
        Map<String, String> values = new HashMap<>();
        Matcher m = PRINTED.matcher(Files.readString(hub.log()));
        while (m.find()) {
            assertThat(values.put(m.group(1), m.group(2))).as("printed twice").isNull();
        }
        return values;
    }

    /** A platform path that answers 404 to any accepted platform token and 401 to a refused one. */
    private static String message() {
        return "/api/v1/tenants/dealer-a/messages/" + UUID.randomUUID();
    }

}
