package io.channelhub.app.usage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 20 (4), through the running hub: a connector's monthly quota announces itself once at 80 % and once at
 * 100 % on hub.events, then refuses what its policy says (marketing only, or all outbound) as
 * {@code quota_exceeded} before any provider call, and never refuses inbound.
 */
class QuotaEndToEndTest extends HubTestBase {
    static final String CONTACT = "+31612350001";
    String tenant;
    String account;
    String secret;
    Connection platform;
    @Value("${hub.test.broker-url}")
    String brokerUrl;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
    }

    @BeforeEach
    void tenantWithAQuotaOfFive() throws Exception {
        tenant = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        account = "acct-" + tenant;
        secret = "s-" + tenant;
        tenantWithTestConnector(tenant, "test", account, secret);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"q-{{randomValue length=10 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        quota("marketing");
        assertThat(send("POST", "/api/v1/tenants/" + tenant + "/contacts/%2B31612350001/consent", PLATFORM,
                "{\"channel\":\"*\",\"scope\":\"marketing\",\"state\":\"opted_in\",\"evidence\":\"sign-up form\"}")
                .statusCode()).isEqualTo(201);
        platform = platformConnection(brokerUrl);
    }

    @AfterEach
    void close() throws Exception {
        platform.close();
    }

    @Test
    void noticesOnceAt80And100PercentThenThePolicyRefusesAndInboundStillFlows() throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertThat(awaitEnd(submit("conversational", "bericht " + i))).isEqualTo("sent");
        }
        List<TextMessage> warning = receive(platform, "hub.events", notices("usage_warning"), 1, 10_000);
        assertThat(warning).hasSize(1);
        JsonNode w = HubJson.mapper().readTree(warning.get(0).getText());
        assertThat(w.path("type").asText()).isEqualTo("usage_warning");
        assertThat(w.path("channel").asText()).isEqualTo("test");
        assertThat(w.path("used").asLong()).isEqualTo(4);
        assertThat(w.path("quota").asLong()).isEqualTo(5);

        assertThat(awaitEnd(submit("conversational", "bericht 5"))).isEqualTo("sent");
        assertThat(receive(platform, "hub.events", notices("usage_limit_reached"), 1, 10_000)).hasSize(1);

        // marketing only, by the policy: a marketing message is refused, a conversational one still goes
        String marketing = submit("marketing", "Winteractie");
        assertThat(awaitEnd(marketing)).isEqualTo("rejected");
        assertThat(reason(marketing)).isEqualTo("quota_exceeded");
        assertThat(awaitEnd(submit("conversational", "bericht 6"))).isEqualTo("sent");

        quota("all");
        String refused = submit("conversational", "bericht 7");
        assertThat(awaitEnd(refused)).isEqualTo("rejected");
        assertThat(reason(refused)).isEqualTo("quota_exceeded");

        // inbound is never refused
        HttpResponse<String> inbound = postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account
                + "\",\"messages\":[{\"id\":\"q-in-1\",\"from\":\"" + CONTACT + "\",\"to\":\"+3120\",\"text\":\"Hallo\"}]}");
        assertThat(inbound.statusCode()).isEqualTo(200);
        assertThat(receive(platform, "hub.inbound", "tenantId = '" + tenant + "'", 1, 10_000)).hasSize(1);

        Thread.sleep(2_500); // two more flushes of the usage counters: no notice comes twice
        assertThat(receive(platform, "hub.events", notices("usage_warning") + " OR (" + notices("usage_limit_reached")
                + ")", 10, 1_000)).isEmpty();
    }

    @Test
    void aQuotaThatIsNoNumberOrAPolicyThatIsNoneIsRefused() {
        for (String settings : List.of("\"monthlyQuota\":\"0\"", "\"monthlyQuota\":\"lots\"",
                "\"monthlyQuota\":\"10\",\"quotaPolicy\":\"sometimes\"")) {
            HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS,
                    "{\"enabled\":true,\"settings\":{\"account\":\"" + account + "\"," + settings + "}}");
            assertThat(r.statusCode()).as(settings).isEqualTo(400);
            assertThat(r.body()).contains(settings.contains("quotaPolicy") ? "quotaPolicy" : "monthlyQuota");
        }
    }

    private void quota(String policy) {
        HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS,
                "{\"enabled\":true,\"settings\":{\"account\":\"" + account + "\",\"monthlyQuota\":\"5\","
                        + "\"quotaPolicy\":\"" + policy + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String notices(String type) {
        return "tenantId = '" + tenant + "' AND type = '" + type + "'";
    }

    private String submit(String category, String text) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"" + CONTACT + "\",\"category\":\"" + category + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"" + text + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return HubJson.mapper().readTree(r.body()).path("id").asText();
    }

    private String awaitEnd(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(id).path("status").asText().equals("accepted"));
        return status(id).path("status").asText();
    }

    private String reason(String id) {
        return rejectedBecause(tenant, id);
    }

    private JsonNode status(String id) {
        return messageView(tenant, id);
    }
}
