package io.channelhub.app.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.channelhub.app.support.HubProcess;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.signature.HmacSignatures;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub as its own process, used the way the core platform and Meta use it: HTTP in, and a
 * JMS client in another JVM (this one) consuming hub.inbound and hub.events over TCP.
 */
class HubProcessIT {
    static final String OPS = "ops-process-token-0123456789";
    static final String PLATFORM = "platform-process-token-0123456789";
    static WireMockServer graph;
    static HubProcess hub;

    @BeforeAll
    static void start() throws Exception {
        graph = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        graph.start();
        graph.stubFor(get(urlPathEqualTo("/v26.0/106540352242922")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"106540352242922\"}")));
        graph.stubFor(post(urlPathEqualTo("/v26.0/106540352242922/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messaging_product\":\"whatsapp\","
                        + "\"contacts\":[{\"input\":\"31612345678\",\"wa_id\":\"31612345678\"}],"
                        + "\"messages\":[{\"id\":\"wamid.OUT1\"}]}")));
        Path dataDir = Files.createTempDirectory("hub-process-");
        hub = new HubProcess(dataDir, Map.of(
                "hub.channels.whatsapp.base-url", graph.baseUrl(),
                "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                "hub.security.tokens[0].token", OPS,
                "hub.security.tokens[1].name", "platform", "hub.security.tokens[1].role", "platform",
                "hub.security.tokens[1].token", PLATFORM)).start(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        graph.stop();
    }

    @Test
    void aClientInAnotherJvmConsumesInboundMessagesAndStatusEventsOverTcp() throws Exception {
        assertThat(hub.call("PUT", "/admin/v1/tenants/dealer-042", OPS, "{\"name\":\"Autohuis Jansen\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> connector = hub.call("PUT", "/admin/v1/tenants/dealer-042/connectors/whatsapp", OPS,
                "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"106540352242922\",\"wabaId\":\"102290129340398\"},"
                        + "\"secrets\":{\"accessToken\":\"EAAG-process-token\",\"appSecret\":\"process-app-secret\","
                        + "\"verifyToken\":\"v\"}}");
        assertThat(connector.statusCode()).isEqualTo(200);
        assertThat(HubJson.mapper().readTree(connector.body()).path("health").asText()).isEqualTo("ok");

        // Sent now, so the outbound reply below falls inside WhatsApp's 24-hour service window.
        byte[] webhook = Files.readString(Path.of("../connectors/whatsapp/src/test/resources/fixtures/whatsapp"
                        + "/inbound/text.json"))
                .replace("1795169731", String.valueOf(Instant.now().getEpochSecond())).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ack = hub.post("/webhooks/whatsapp/dealer-042", webhook, "application/json",
                Map.of("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex("process-app-secret", webhook)));
        assertThat(ack.statusCode()).isEqualTo(200);

        try (Connection jms = new ActiveMQConnectionFactory(hub.brokerUrl()).createConnection()) {
            jms.start();
            List<TextMessage> inbound = receive(jms, "hub.inbound", 1);
            JsonNode message = HubJson.mapper().readTree(inbound.get(0).getText());
            assertThat(message.path("channel").asText()).isEqualTo("whatsapp");
            assertThat(message.path("from").path("address").asText()).isEqualTo("+31612345678");
            assertThat(message.path("content").path("text").asText()).isEqualTo("Is de auto nog beschikbaar?");
            assertThat(inbound.get(0).getStringProperty("tenantId")).isEqualTo("dealer-042");

            HttpResponse<String> submitted = hub.call("POST", "/api/v1/tenants/dealer-042/messages", PLATFORM,
                    "{\"channel\":\"whatsapp\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\","
                            + "\"text\":\"Ja, hij is er nog!\"},\"metadata\":{\"lead\":\"L-1\"}}");
            assertThat(submitted.statusCode()).isEqualTo(202);
            String id = HubJson.mapper().readTree(submitted.body()).path("id").asText();
            List<TextMessage> events = receive(jms, "hub.events", 2);
            assertThat(events).extracting(e -> HubJson.mapper().readTree(e.getText()).path("status").asText())
                    .containsExactly("accepted", "sent");
            JsonNode sent = HubJson.mapper().readTree(events.get(1).getText());
            assertThat(sent.path("messageId").asText()).isEqualTo(id);
            assertThat(sent.path("providerMessageId").asText()).isEqualTo("wamid.OUT1");
            assertThat(sent.path("metadata").path("lead").asText()).isEqualTo("L-1");
        }
        graph.verify(postRequestedFor(urlPathEqualTo("/v26.0/106540352242922/messages"))
                .withHeader("Authorization", equalTo("Bearer EAAG-process-token"))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Ja, hij is er nog!"))));
    }

    private static List<TextMessage> receive(Connection jms, String queue, int count) throws Exception {
        List<TextMessage> received = new ArrayList<>();
        try (Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            long deadline = System.currentTimeMillis() + 15_000;
            while (received.size() < count && System.currentTimeMillis() < deadline) {
                TextMessage m = (TextMessage) consumer.receive(500);
                if (m != null) {
                    received.add(m);
                }
            }
        }
        assertThat(received).as("messages on %s", queue).hasSize(count);
        return received;
    }
}
