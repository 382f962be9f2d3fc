package io.channelhub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.channelhub.app.support.H2HubTest;
import io.channelhub.routes.HubQueues;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The README's {@code curl …/actuator/prometheus | grep hub_} shows the hub's meters before anything happened.
 * (Spring Boot's tests switch metric export off unless asked for it, as here.)
 */
@AutoConfigureObservability(tracing = false)
class HubMetersTest extends H2HubTest {
    private static final String OUTBOUND_DEPTH = "hub_queue_depth{queue=\"hub.outbound\"}";

    @Value("${hub.test.broker-url}")
    String brokerUrl;

    @Autowired
    CamelContext camel;

    @Test
    void theHubsMetersAreScrapedAtZeroForEveryChannelBeforeAnythingHappened() {
        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", OPS, null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("hub_dispatch_retried_total{channel=\"whatsapp\"}")
                .contains("hub_dispatch_retried_total{channel=\"sms\"}")
                .contains("hub_dispatch_retried_total{channel=\"email\"}")
                .contains("hub_dispatch_deferred_total{reason=\"circuit_open\"}")
                .contains("hub_polling_set_aside_total{channel=\"email\"}")
                .contains("hub_status_unmatched_total{channel=\"sms\"}")
                .contains("hub_webhooks_rejected_total{channel=\"whatsapp\",reason=\"signature\"}")
                .contains("hub_webhooks_dropped_total{channel=\"sms\",reason=\"connector_disabled\"}")
                .contains("hub_messages_total{channel=\"telegram\",direction=\"inbound\",status=\"received\"}")
                .contains("hub_messages_total{channel=\"google\",direction=\"outbound\",status=\"failed\"}")
                .contains("hub_dead_letters_total{channel=\"messenger\"}")
                .doesNotContain("hub_polling_set_aside_total{channel=\"whatsapp\"}");
    }

    @Test
    void messagesAreCountedPerChannelDirectionAndStatusOnceCommitted() {
        tenantWithTestConnector("meters", "test", "acct-meters", "meters-secret");
        double before = count("hub_messages_total{channel=\"test\",direction=\"inbound\",status=\"received\"}");
        String body = "{\"account\":\"acct-meters\",\"messages\":[{\"id\":\"meters-1\",\"from\":\"+31612345678\","
                + "\"to\":\"+3120\",\"text\":\"hallo\"}]}";
        for (int i = 0; i < 2; i++) {
            assertThat(postTestWebhook("/webhooks/test/meters", "meters-secret", body).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "hub_messages_total{channel=\"test\",direction=\"inbound\",status=\"received\"}") == before + 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> count(
                "hub_messages_total{channel=\"test\",direction=\"inbound\",status=\"received\"}") == before + 1);
    }

    @Test
    void eachFlowIsTimedPerChannelAndEachProviderCallByOutcome() {
        tenantWithTestConnector("meters-timed", "test", "acct-meters-timed", "timed-secret");
        assertThat(postTestWebhook("/webhooks/test/meters-timed", "timed-secret", "{\"account\":\"acct-meters-timed\","
                + "\"messages\":[{\"id\":\"timed-1\",\"from\":\"+31612345678\",\"to\":\"+3120\",\"text\":\"hallo\"}]}")
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/tenants/meters-timed/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                send("GET", "/actuator/prometheus", OPS, null).body())
                .contains("hub_flow_step_seconds_count{channel=\"test\",flow=\"webhook\"}")
                .contains("hub_flow_step_seconds_count{channel=\"test\",flow=\"normalize\"}")
                .contains("hub_flow_step_seconds_count{channel=\"test\",flow=\"submit\"}")
                .contains("hub_flow_step_seconds_count{channel=\"test\",flow=\"dispatch\"}")
                .contains("hub_provider_call_seconds_count{channel=\"test\",outcome="));
    }

    @Test
    void eachConnectorsCircuitBreakerIsScraped() {
        tenantWithTestConnector("meters-breaker", "test", "acct-meters-breaker", "breaker-secret");
        String id = send("POST", "/api/v1/tenants/meters-breaker/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}").body();
        assertThat(id).contains("accepted");
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/actuator/prometheus", OPS, null).body()
                .contains("resilience4j_circuitbreaker_state{name=\"meters-breaker/test\",state=\"closed\"} 1.0"));
    }

    @Test
    void everyQueuesDepthIsAGaugeOfTheScrape() {
        String scrape = send("GET", "/actuator/prometheus", OPS, null).body();

        assertThat(scrape).contains("# TYPE hub_queue_depth gauge");
        for (String queue : HubQueues.ALL) {
            assertThat(scrape).contains("hub_queue_depth{queue=\"" + queue + "\"}");
        }
    }

    @Test
    void theOutboundQueuesDepthRisesWhileMessagesWaitAndFallsOnceTheyAreTaken() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(OUTBOUND_DEPTH) == 0);
        camel.getRouteController().stopRoute("outbound"); // nobody takes hub.outbound: submissions wait
        try (Connection platform = platformConnection(brokerUrl);
             Session session = platform.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(HubQueues.OUTBOUND))) {
            for (int i = 0; i < 3; i++) {
                producer.send(session.createTextMessage("{\"tenantId\":\"meters-depth\",\"channel\":\"test\","
                        + "\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"wait " + i + "\"}}"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> count(OUTBOUND_DEPTH) == 3);
        } finally {
            camel.getRouteController().startRoute("outbound");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count(OUTBOUND_DEPTH) == 0);
    }

    private double count(String series) {
        String scrape = send("GET", "/actuator/prometheus", OPS, null).body();
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l ->
                Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(-1);
    }
}
