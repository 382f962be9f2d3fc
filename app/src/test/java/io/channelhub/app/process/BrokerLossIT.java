package io.channelhub.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.channelhub.app.support.ExternalBroker;
import io.channelhub.app.support.HubProcess;
import io.channelhub.app.support.WhatsAppWebhooks;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broker loss in the production shape: the hub as its own process on an external broker. While the
 * broker is down, webhooks and the API answer 503 quickly and never 2xx; when it is back, the hub
 * recovers by itself and what it then accepts is delivered.
 */
class BrokerLossIT {
    static final String OPS = "ops-broker-loss-token-0123456789";
    static final String PLATFORM = "platform-broker-loss-token-0123456789";
    static final String APP_SECRET = "broker-loss-app-secret";
    static ExternalBroker broker;
    static HubProcess hub;
    static int wamid;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("broker-loss-");
        broker = new ExternalBroker(dir.resolve("broker")).start();
        hub = new HubProcess(dir.resolve("hub"), Map.of(
                "spring.artemis.mode", "native",
                "spring.artemis.broker-url", broker.url(),
                "spring.artemis.embedded.enabled", "false",
                "hub.channels.whatsapp.base-url", "http://127.0.0.1:1",
                "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                "hub.security.tokens[0].token", OPS,
                "hub.security.tokens[1].name", "platform", "hub.security.tokens[1].role", "platform",
                "hub.security.tokens[1].token", PLATFORM)).start(Duration.ofSeconds(90));
        hub.call("PUT", "/admin/v1/tenants/dealer-1", OPS, "{\"name\":\"Dealer\"}");
        hub.call("PUT", "/admin/v1/tenants/dealer-1/connectors/whatsapp", OPS, "{\"enabled\":true,\"settings\":"
                + "{\"phoneNumberId\":\"106540352242922\"},\"secrets\":{\"accessToken\":\"t\",\"appSecret\":\""
                + APP_SECRET + "\"}}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        broker.close();
    }

    @Test
    void whileTheBrokerIsDownIntakeAnswers503QuicklyAndTheHubRecoversByItself() throws Exception {
        assertThat(postWebhook().statusCode()).isEqualTo(200);
        assertThat(consumeInbound(1)).hasSize(1);

        broker.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> postWebhook().statusCode() == 503);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> webhook = postWebhook();
            millis.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            HttpResponse<String> api = hub.call("POST", "/api/v1/tenants/dealer-1/messages", PLATFORM, "{\"channel\":"
                    + "\"whatsapp\",\"to\":\"+31612345678\",\"content\":{\"type\":\"template\",\"name\":\"hi\","
                    + "\"language\":\"nl\"}}");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(webhook.statusCode()).isEqualTo(503);
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(webhook.headers().firstValue("Retry-After")).isPresent();
        }
        millis.sort(Long::compare);
        long p95 = millis.get((int) (millis.size() * 0.95) - 1);
        io.channelhub.app.support.ReliabilityFigures.write("broker-loss.txt", "broker-loss: 503 answers="
                + millis.size() + " 2xx=0 p95=" + p95 + "ms max=" + millis.get(millis.size() - 1) + "ms");
        assertThat(p95).as("503 answer time p95 (ms)").isLessThan(100);

        broker.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> postWebhook().statusCode() == 200);
        assertThat(consumeInbound(1)).isNotEmpty();
        HttpResponse<String> accepted = hub.call("POST", "/api/v1/tenants/dealer-1/messages", PLATFORM, "{\"channel\":"
                + "\"whatsapp\",\"to\":\"+31612345678\",\"content\":{\"type\":\"template\",\"name\":\"hi\","
                + "\"language\":\"nl\"}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
    }

    static HttpResponse<String> postWebhook() throws Exception {
        return WhatsAppWebhooks.post(hub, "dealer-1", APP_SECRET,
                WhatsAppWebhooks.text("106540352242922", "31612345678", "wamid.LOSS" + (wamid++), "hallo"));
    }

    static List<String> consumeInbound(int count) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection c = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.inbound"));
            long deadline = System.currentTimeMillis() + 15_000;
            while (texts.size() < count && System.currentTimeMillis() < deadline) {
                TextMessage m = (TextMessage) consumer.receive(500);
                if (m != null) {
                    texts.add(HubJson.mapper().readTree(m.getText()).path("providerMessageId").asText());
                }
            }
        }
        return texts;
    }
}
