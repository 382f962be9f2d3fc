package io.channelhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.ChannelHubApplication;
import io.channelhub.app.support.PostgresCondition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The configuration is the source of truth for configured tokens (issue 22): the hub is started, stopped
 * and started again on the same database with another configuration — a rotated value replaces the old
 * one, a removed name is revoked, a value revoked through the API is not stored again until the
 * configuration gives it a new one. Run on H2 (a file) and on PostgreSQL (one schema).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfiguredTokenRotationTest {
    private static final String OPS_A = "ops-rotation-value-A-0123456789";
    private static final String OPS_B = "ops-rotation-value-B-0123456789";
    private static final String LEAKED = "leaked-platform-value-0123456789";
    private static final String RENEWED = "renewed-platform-value-0123456789";
    private static final String RETIRED = "retired-platform-value-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void onH2(CapturedOutput output) throws Exception {
        rotateAndRevoke(Map.of(), output);
    }

    @Test
    @ExtendWith(PostgresCondition.class)
    void onPostgres(CapturedOutput output) throws Exception {
        String schema = "hub_tokens_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        rotateAndRevoke(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                "spring.datasource.username", System.getProperty("hub.test.postgres.user", "postgres"),
                "spring.datasource.password", "", "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema), output);
    }

    private void rotateAndRevoke(Map<String, String> database, CapturedOutput output) throws Exception {
        int brokerPort = freePort();
        try (Hub hub = new Hub(database, brokerPort, List.of(
                token("ops", "ops", OPS_A), token("leaky", "platform", LEAKED), token("retired", "platform", RETIRED)))) {
            assertThat(hub.status(OPS_A)).isEqualTo(200);
            assertThat(hub.status(LEAKED)).isEqualTo(403); // a platform token, known: refused on the ops API only
            assertThat(hub.status(RETIRED)).isEqualTo(403);
            // the leaked value is revoked at runtime
            assertThat(hub.call("DELETE", "/admin/v1/tokens/leaky", OPS_A)).isEqualTo(204);
            assertThat(hub.status(LEAKED)).isEqualTo(401);
        }

        // restarted with ops rotated, leaky still at its revoked value, retired removed
        try (Hub hub = new Hub(database, brokerPort, List.of(token("ops", "ops", OPS_B),
                token("leaky", "platform", LEAKED)))) {
            assertThat(hub.status(OPS_A)).as("the old ops value").isEqualTo(401);
            assertThat(hub.status(OPS_B)).as("the new ops value").isEqualTo(200);
            assertThat(hub.status(RETIRED)).as("a name no longer configured").isEqualTo(401);
            assertThat(hub.status(LEAKED)).as("a revoked value, still configured").isEqualTo(401);
        }
        assertThat(output.getAll())
                .contains("API token ops (role ops, tenant all) replaced by the configuration")
                .contains("API token retired revoked by the configuration")
                .contains("Configured API token leaky is not stored: its value was revoked through the API");

        // the configuration gives the leaked token a new value
        try (Hub hub = new Hub(database, brokerPort, List.of(token("ops", "ops", OPS_B),
                token("leaky", "platform", RENEWED)))) {
            assertThat(hub.status(RENEWED)).isEqualTo(403);
            assertThat(hub.status(LEAKED)).isEqualTo(401);
            assertThat(hub.status(OPS_B)).isEqualTo(200);
        }
        for (String value : List.of(OPS_A, OPS_B, LEAKED, RENEWED, RETIRED)) {
            assertThat(output.getAll()).doesNotContain(value).doesNotContain(TokenHashes.hash(value));
        }
    }

    private static Map<String, String> token(String name, String role, String value) {
        return Map.of("name", name, "role", role, "token", value);
    }

    /** A whole hub in this JVM; the properties go in as command-line arguments, above the packaged yaml. */
    private final class Hub implements AutoCloseable {
        private final ConfigurableApplicationContext context;
        private final int port;

        Hub(Map<String, String> database, int brokerPort, List<Map<String, String>> tokens) {
            Map<String, String> properties = new LinkedHashMap<>(database);
            properties.put("server.port", "0");
            properties.put("hub.data-dir", dataDir.toString());
            properties.put("hub.broker.acceptor", "tcp://127.0.0.1:" + brokerPort + "?protocols=CORE,AMQP");
            for (int i = 0; i < tokens.size(); i++) {
                int index = i;
                tokens.get(i).forEach((k, v) -> properties.put("hub.security.tokens[" + index + "]." + k, v));
            }
            context = new SpringApplicationBuilder(ChannelHubApplication.class).run(properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
            port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        /** The ops API's answer to a token: 200 ops, 403 a known platform token, 401 refused. */
        int status(String token) throws IOException, InterruptedException {
            return call("GET", "/admin/v1/tokens", token);
        }

        int call(String method, String path, String token) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
