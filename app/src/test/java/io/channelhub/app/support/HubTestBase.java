package io.channelhub.app.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.signature.HmacSignatures;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The running hub for end-to-end tests: the real application with its embedded Artemis (listening on
 * its own TCP port, which the tests use as the core platform would), a real database, and every
 * provider faked by WireMock on 127.0.0.1. Subclasses choose the database with {@link #h2} or
 * {@link #postgres}. Tokens are configured up front: {@link #OPS}, {@link #PLATFORM} (all tenants) and
 * {@link #SCOPED} (tenant {@code dealer-a} only).
 */
@SpringBootTest(classes = io.channelhub.app.ChannelHubApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTestBase {
    public static final String OPS = "ops-test-token-0123456789";
    public static final String PLATFORM = "platform-test-token-0123456789";
    public static final String SCOPED = "scoped-test-token-dealer-a-0123";
    protected static final WireMockServer PROVIDER = new WireMockServer(options().bindAddress("127.0.0.1")
            .dynamicPort());
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startProvider() {
        if (!PROVIDER.isRunning()) {
            PROVIDER.start();
        }
    }

    @AfterAll
    static void resetProvider() {
        PROVIDER.resetAll();
    }

    /** Properties every test hub shares; {@code database} adds the datasource. */
    protected static void hubProperties(DynamicPropertyRegistry registry, String name) {
        startProvider();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("hub-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int brokerPort = freePort();
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.broker.acceptor", () -> "tcp://127.0.0.1:" + brokerPort + "?protocols=CORE,AMQP");
        registry.add("hub.test.broker-url", () -> "tcp://127.0.0.1:" + brokerPort);
        registry.add("hub.channels.test.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.testwindow.base-url", PROVIDER::baseUrl);
        registry.add("hub.security.tokens[0].name", () -> "ops");
        registry.add("hub.security.tokens[0].role", () -> "ops");
        registry.add("hub.security.tokens[0].token", () -> OPS);
        registry.add("hub.security.tokens[1].name", () -> "platform");
        registry.add("hub.security.tokens[1].role", () -> "platform");
        registry.add("hub.security.tokens[1].token", () -> PLATFORM);
        registry.add("hub.security.tokens[2].name", () -> "scoped");
        registry.add("hub.security.tokens[2].role", () -> "platform");
        registry.add("hub.security.tokens[2].tenant-id", () -> "dealer-a");
        registry.add("hub.security.tokens[2].token", () -> SCOPED);
        registry.add("hub.retry.initial-delay", () -> "100ms");
        registry.add("hub.retry.multiplier", () -> "1.5");
        registry.add("hub.retry.max-attempts", () -> "4");
        registry.add("hub.retry.circuit-open-delay", () -> "500ms");
        registry.add("hub.retry.ordering-delay", () -> "100ms");
        registry.add("hub.breaker.minimum-number-of-calls", () -> "4");
        registry.add("hub.breaker.sliding-window-size", () -> "8");
        registry.add("hub.breaker.wait-in-open-state", () -> "2s");
        registry.add("hub.retry.redelivery.delay", () -> "100ms");
        registry.add("hub.retry.redelivery.attempts", () -> "4");
        // The test JVM keeps every hub context it started (Spring's context cache). With Hikari's default of as
        // many idle connections as the pool's maximum (24), four PostgreSQL contexts held 96 of PostgreSQL's 100
        // connections and a later test could not connect: idle contexts shrink to one connection here.
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }

    protected static void h2(DynamicPropertyRegistry registry) {
        hubProperties(registry, "h2");
    }

    protected static void postgres(DynamicPropertyRegistry registry) {
        hubProperties(registry, "pg");
        String schema = "hub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> System.getProperty("hub.test.postgres.user", "postgres"));
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.default-schema", () -> schema);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- HTTP helpers ------------------------------------------------------------------------------

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return call(b.build());
    }

    protected HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A test-channel webhook, signed as the fake provider signs. */
    protected HttpResponse<String> postTestWebhook(String path, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return call(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .header("X-Test-Signature", "sha256=" + HmacSignatures.hmacSha256Hex(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** Creates a tenant with a test-channel connector pointing at {@code account} on the fake provider. */
    protected void tenantWithTestConnector(String tenantId, String channel, String account, String secret) {
        send("PUT", "/admin/v1/tenants/" + tenantId, OPS, "{\"name\":\"" + tenantId + "\"}");
        HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenantId + "/connectors/" + channel, OPS,
                "{\"enabled\":true,\"settings\":{\"account\":\"" + account + "\"},\"secrets\":{\"token\":\"tok-"
                        + account + "\",\"signingSecret\":\"" + secret + "\",\"verifyToken\":\"verify-" + account
                        + "\"}}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("connector setup failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** An outbound message as the platform reads it: {@code GET /api/v1/tenants/{tenantId}/messages/{id}}. */
    protected JsonNode messageView(String tenantId, String id) {
        try {
            return HubJson.mapper().readTree(send("GET", "/api/v1/tenants/" + tenantId + "/messages/" + id, PLATFORM,
                    null).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reason code of the message's {@code rejected} status, or "not rejected". */
    protected String rejectedBecause(String tenantId, String id) {
        for (JsonNode entry : messageView(tenantId, id).path("history")) {
            if (entry.path("status").asText().equals("rejected")) {
                return entry.path("reasonCode").asText();
            }
        }
        return "not rejected";
    }

    // ---- JMS helpers: a client outside the hub, over TCP, as the core platform connects ---------------

    protected Connection platformConnection(String brokerUrl) throws JMSException {
        Connection c = new ActiveMQConnectionFactory(brokerUrl).createConnection();
        c.start();
        return c;
    }

    /** Receives messages from a queue until {@code count} arrived or the time ran out. */
    protected static List<TextMessage> receive(Connection connection, String queue, String selector, int count,
                                               long timeoutMillis) throws JMSException {
        List<TextMessage> received = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (received.size() < count && System.currentTimeMillis() < deadline) {
                Message m = consumer.receive(Math.max(1, deadline - System.currentTimeMillis()));
                if (m != null) {
                    received.add((TextMessage) m);
                }
            }
        }
        return received;
    }
}
