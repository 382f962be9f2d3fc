package io.channelhub.app.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running hub shared by the real-connector end-to-end tests (WhatsApp, SMS): H2, the embedded broker
 * on its own TCP port, both connectors pointed at the WireMock {@code PROVIDER}, and a public base URL as
 * behind a TLS-terminating proxy. Providers sign against the URL they called, so webhooks are signed for
 * {@link #PUBLIC_BASE} + path while the test itself reaches the hub on its local port.
 */
abstract class ChannelHubTest extends HubTestBase {
    /** What the hub believes providers reach it at (scheme, host, no port: as behind a proxy on 443). */
    static final String PUBLIC_BASE = "https://hub.example.test";

    @DynamicPropertySource
    static void channelHubProperties(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.channels.whatsapp.base-url", PROVIDER::baseUrl);
        registry.add("hub.channels.sms.base-url", PROVIDER::baseUrl);
        registry.add("hub.public-base-url", () -> PUBLIC_BASE);
    }

    @Value("${hub.test.broker-url}")
    String brokerUrl;
    Connection platform;
    String tenant;

    @BeforeEach
    void openPlatform() throws Exception {
        tenant = "dealer-" + UUID.randomUUID().toString().substring(0, 8);
        platform = platformConnection(brokerUrl);
    }

    @AfterEach
    void closePlatform() throws Exception {
        platform.close();
    }

    // ---- tenants and connectors ---------------------------------------------------------------------

    void createTenant() {
        HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"" + tenant + "\"}");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    JsonNode putConnector(String channel, String body) throws Exception {
        HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/" + channel, OPS, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    JsonNode connectorView(String channel) throws Exception {
        for (JsonNode c : json(send("GET", "/admin/v1/tenants/" + tenant + "/connectors", OPS, null).body())) {
            if (channel.equals(c.path("channel").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + channel + " connector listed for " + tenant);
    }

    // ---- platform API -----------------------------------------------------------------------------------

    HttpResponse<String> submit(String json) {
        return call(HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/" + tenant + "/messages")))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Submits and answers the hub id of the accepted message. */
    String submitAccepted(String json) throws Exception {
        HttpResponse<String> r = submit(json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r.body()).path("id").asText();
    }

    JsonNode view(String id) throws Exception {
        return json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body());
    }

    String statusOf(String id) throws Exception {
        return view(id).path("status").asText();
    }

    /** Status events of this tenant, optionally only those with {@code status}, in the order published. */
    List<JsonNode> events(String status, int count, long timeoutMillis) throws Exception {
        String selector = "tenantId = '" + tenant + "'" + (status == null ? "" : " AND status = '" + status + "'");
        List<JsonNode> out = new java.util.ArrayList<>();
        for (TextMessage m : receive(platform, "hub.events", selector, count, timeoutMillis)) {
            assertThat(m.getStringProperty("channel")).isNotBlank();
            out.add(json(m.getText()));
        }
        return out;
    }

    List<TextMessage> inbound(int count, long timeoutMillis) throws Exception {
        return receive(platform, "hub.inbound", "tenantId = '" + tenant + "'", count, timeoutMillis);
    }

    /** GET of a hub URL the hub published with its public base: same path, the hub's local port. */
    HttpResponse<byte[]> getPublished(String publishedUrl, String token) throws Exception {
        assertThat(publishedUrl).startsWith(PUBLIC_BASE + "/");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(publishedUrl.substring(PUBLIC_BASE.length()))));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    static JsonNode json(String s) throws Exception {
        return HubJson.mapper().readTree(s);
    }

    static String fixture(String path) {
        try (InputStream in = ChannelHubTest.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Dutch mobile number libphonenumber takes as valid (06-1 to 06-5), different each time. */
    static String mobile() {
        return "+316" + (1 + ThreadLocalRandom.current().nextInt(5)) + digits(7).substring(1)
                + ThreadLocalRandom.current().nextInt(10);
    }

    static String digits(int n) {
        StringBuilder sb = new StringBuilder().append(1 + ThreadLocalRandom.current().nextInt(9));
        while (sb.length() < n) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }
}
