package io.channelhub.app.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.app.support.ReliabilityFigures;
import io.channelhub.routes.BatchQueueConsumer;
import jakarta.jms.Connection;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Overload: when the intake address is full the hub answers 503 (back-pressure) and never a 2xx that it
 * then drops; per-connector send rate limits hold. The intake queue is kept small here so it fills.
 */
class OverloadTest extends HubTestBase {
    @Value("${hub.test.broker-url}")
    String brokerUrl;
    @Autowired
    BatchQueueConsumer normalizeConsumer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.broker.intake-max-size", () -> "64KB");
    }

    @Test
    void aFullIntakeAnswers503AndEverythingAcceptedIsDelivered() throws Exception {
        tenantWithTestConnector("overload", "test", "acct-overload", "overload-secret");
        normalizeConsumer.stop();
        String padding = "x".repeat(2_000);
        int accepted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 500 && refused == null; i++) {
            HttpResponse<String> r = postTestWebhook("/webhooks/test/overload", "overload-secret",
                    "{\"account\":\"acct-overload\",\"messages\":[{\"id\":\"ov-" + i + "\",\"from\":\"+31612345678\","
                            + "\"to\":\"+3120\",\"text\":\"" + padding + "\"}]}");
            if (r.statusCode() == 200) {
                accepted++;
            } else {
                refused = r;
            }
        }
        assertThat(refused).as("a 503 once the intake is full").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(accepted).isPositive();

        normalizeConsumer.start();
        try (Connection platform = platformConnection(brokerUrl)) {
            assertThat(receive(platform, "hub.inbound", "tenantId = 'overload'", accepted + 1, 20_000))
                    .as("every webhook answered 200 is delivered, and nothing else").hasSize(accepted);
        }
        ReliabilityFigures.write("overload.txt", "overload: intake-max-size=64KB accepted=" + accepted
                + " then 503; delivered=" + accepted + " lost=0");
        assertThat(postTestWebhook("/webhooks/test/overload", "overload-secret", "{\"account\":\"acct-overload\","
                + "\"messages\":[{\"id\":\"ov-after\",\"from\":\"+31612345678\",\"to\":\"+3120\",\"text\":\"ok\"}]}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aConnectorsSendRateLimitHolds() throws Exception {
        send("PUT", "/admin/v1/tenants/limited", OPS, "{\"name\":\"limited\"}");
        assertThat(send("PUT", "/admin/v1/tenants/limited/connectors/test", OPS, "{\"enabled\":true,\"settings\":"
                + "{\"account\":\"acct-limited\",\"rateLimitPerSecond\":\"5\"},\"secrets\":{\"token\":\"t\","
                + "\"signingSecret\":\"s\"}}").statusCode()).isEqualTo(200);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/acct-limited/messages"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"p-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                        .withTransformers("response-template")));
        for (int i = 0; i < 20; i++) {
            send("POST", "/api/v1/tenants/limited/messages", PLATFORM, "{\"channel\":\"test\",\"to\":\"+316"
                    + (10000000 + i) + "\",\"content\":{\"type\":\"text\",\"text\":\"r" + i + "\"}}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                PROVIDER.findAll(postRequestedFor(urlEqualTo("/acct-limited/messages"))).size() == 20);
        List<Long> at = PROVIDER.findAll(postRequestedFor(urlEqualTo("/acct-limited/messages"))).stream()
                .map(LoggedRequest::getLoggedDate).map(d -> d.getTime()).sorted(Comparator.naturalOrder()).toList();
        // At most 5 sends per one-second period of the limiter: any 11 consecutive sends span at least a second.
        for (int i = 0; i + 10 < at.size(); i++) {
            assertThat(at.get(i + 10) - at.get(i)).as("11 sends span (ms)").isGreaterThanOrEqualTo(1_000);
        }
        assertThat(at.get(at.size() - 1) - at.get(0)).as("20 sends at 5/s take (ms)").isGreaterThanOrEqualTo(2_500);
        ReliabilityFigures.write("rate-limit.txt", "rate-limit: 20 sends at rateLimitPerSecond=5 took "
                + (at.get(at.size() - 1) - at.get(0)) + " ms");
    }
}
