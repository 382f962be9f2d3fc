package io.channelhub.app.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A provider outage of one tenant: its provider answers 5xx and times out for a sustained period while
 * another tenant's provider works. The healthy tenant is not slowed; the failing tenant's messages wait
 * behind its open circuit without spending their attempts or being dead-lettered, and after recovery all
 * are delivered, each conversation in order.
 */
class ProviderOutageTest extends HubTestBase {

    /** Production-like retry pacing: a message's retries outlast the time its tenant's circuit needs to open. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.retry.initial-delay", () -> "1s");
        registry.add("hub.retry.multiplier", () -> "2");
        registry.add("hub.retry.max-attempts", () -> "5");
    }

    static final int CONVERSATIONS = 3;
    static final int PER_CONVERSATION = 4;

    @Test
    void oneTenantsOutageStaysWithThatTenant() throws Exception {
        tenantWithTestConnector("outage-down", "test", "acct-outage-down", "s1");
        tenantWithTestConnector("outage-fine", "test", "acct-outage-fine", "s2");
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/acct-outage-down/messages")).atPriority(1)
                .withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.matching(".*[02468]$")))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_500))); // beyond the 2 s timeout
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/acct-outage-down/messages")).atPriority(2)
                .willReturn(aResponse().withStatus(503)));
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/acct-outage-fine/messages"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"ok-{{randomValue length=10 "
                        + "type='ALPHANUMERIC'}}\"}").withTransformers("response-template")));

        List<String> down = new ArrayList<>();
        for (int m = 0; m < PER_CONVERSATION; m++) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                down.add(submit("outage-down", "+3161000000" + c, "c" + c + "-m" + m));
            }
        }
        long maxHealthyMillis = 0;
        long outageEnd = System.currentTimeMillis() + 8_000;
        int healthy = 0;
        while (System.currentTimeMillis() < outageEnd) {
            long start = System.nanoTime();
            String id = submit("outage-fine", "+3162000000" + (healthy % 10), "fine-" + healthy);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "sent".equals(status("outage-fine", id)));
            maxHealthyMillis = Math.max(maxHealthyMillis, (System.nanoTime() - start) / 1_000_000);
            healthy++;
        }
        assertThat(json(send("GET", "/admin/v1/tenants/outage-down/connectors", OPS, null).body()).get(0)
                .path("circuitState").asText()).isIn("OPEN", "HALF_OPEN");
        assertThat(json(send("GET", "/admin/v1/dead-letters?tenantId=outage-down", OPS, null).body())).isEmpty();
        for (String id : down) {
            assertThat(status("outage-down", id)).as("waiting, not failed").isEqualTo("accepted");
        }

        PROVIDER.resetMappings();
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/acct-outage-down/messages"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"back-{{randomValue length=10 "
                        + "type='ALPHANUMERIC'}}\"}").withTransformers("response-template")));
        await().atMost(Duration.ofSeconds(40)).until(() -> down.stream().allMatch(id -> "sent".equals(status(
                "outage-down", id))));
        for (int c = 0; c < CONVERSATIONS; c++) {
            List<String> sent = deliveredAfterRecovery(c);
            assertThat(sent).as("conversation %d in order", c)
                    .containsExactly("c" + c + "-m0", "c" + c + "-m1", "c" + c + "-m2", "c" + c + "-m3");
        }
        io.channelhub.app.support.ReliabilityFigures.write("provider-outage.txt", "provider-outage: healthy tenant sends=" + healthy
                + " max latency=" + maxHealthyMillis + "ms during an 8 s outage; failing tenant dead letters=0, "
                + down.size() + " messages delivered in per-conversation order after recovery");
        assertThat(maxHealthyMillis).as("healthy tenant's submit-to-sent time (ms)").isLessThan(3_000);
    }

    private List<String> deliveredAfterRecovery(int conversation) throws Exception {
        List<String> texts = new ArrayList<>();
        for (var r : PROVIDER.findAll(postRequestedFor(urlEqualTo("/acct-outage-down/messages")))) {
            JsonNode n = HubJson.mapper().readTree(r.getBodyAsString());
            String status = status("outage-down", n.path("hubId").asText());
            if (n.path("to").asText().equals("+3161000000" + conversation) && "sent".equals(status)
                    && !texts.contains(n.path("text").asText())) {
                texts.add(n.path("text").asText());
            }
        }
        return texts;
    }

    private String submit(String tenant, String to, String text) throws Exception {
        return json(send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM, "{\"channel\":\"test\",\"to\":\""
                + to + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}").body()).path("id").asText();
    }

    private String status(String tenant, String id) {
        try {
            return json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body())
                    .path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String s) throws Exception {
        return HubJson.mapper().readTree(s);
    }
}
