package io.channelhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Issue 20, the actuator closed: without a token the health status and the liveness and readiness probes answer,
 * status only, and nothing else does — no tenant id, no connector state, no metrics. A monitoring token (made
 * through the ops API, what Prometheus holds) reads health details and metrics and opens neither API; an ops
 * token reads them too; a platform token does not.
 */
@AutoConfigureObservability(tracing = false) // the Prometheus endpoint, which test contexts leave out by default
class ActuatorAccessTest extends H2HubTest {
    private static final String TENANT = "actuator-dealer";
    private String monitoring;

    @BeforeEach
    void aTenantWithAConnectorAndAMonitoringToken() throws Exception {
        tenantWithTestConnector(TENANT, "test", "acct-actuator", "actuator-secret");
        HttpResponse<String> made = send("POST", "/admin/v1/tokens", OPS,
                "{\"name\":\"prometheus-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"role\":\"monitoring\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        monitoring = json(made.body()).path("token").asText();
        assertThat(monitoring).startsWith("mon_");
    }

    @Test
    void withoutATokenHealthAndTheProbesAnswerTheStatusAloneAndNothingElseAnswers() throws Exception {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = send("GET", probe, null, null);
            assertThat(r.statusCode()).as(probe).isEqualTo(200);
            JsonNode body = json(r.body());
            assertThat(body.path("status").asText()).as(probe).isEqualTo("UP");
            assertThat(body.has("components")).as(probe + " shows no components").isFalse();
            assertThat(r.body()).doesNotContain(TENANT).doesNotContain("connectors");
        }
        for (String closed : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health/connectors",
                "/actuator", "/actuator/metrics")) {
            HttpResponse<String> r = send("GET", closed, null, null);
            assertThat(r.statusCode()).as(closed).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).as(closed).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body()).doesNotContain(TENANT);
        }
        assertThat(send("GET", "/actuator/health", "not-a-token-0123456789", null).statusCode())
                .as("a wrong token is refused, not ignored").isEqualTo(401);
    }

    @Test
    void aMonitoringTokenReadsHealthDetailsAndMetricsAndOpensNeitherApi() throws Exception {
        JsonNode health = json(send("GET", "/actuator/health", monitoring, null).body());
        assertThat(health.path("components").path("connectors").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").has("db")).isTrue();
        HttpResponse<String> metrics = send("GET", "/actuator/prometheus", monitoring, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("hub_queue_depth");

        assertThat(send("GET", "/admin/v1/tenants", monitoring, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/tenants/" + TENANT + "/messages/" + UUID.randomUUID(), monitoring, null)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void opsReadTheActuatorAndThePlatformDoesNot() throws Exception {
        assertThat(send("GET", "/actuator/prometheus", OPS, null).statusCode()).isEqualTo(200);
        assertThat(json(send("GET", "/actuator/health", OPS, null).body()).path("components").has("connectors"))
                .isTrue();
        assertThat(send("GET", "/actuator/prometheus", PLATFORM, null).statusCode()).isEqualTo(403);
        HttpResponse<String> health = send("GET", "/actuator/health", PLATFORM, null);
        assertThat(health.statusCode()).isEqualTo(403);
        assertThat(health.body()).doesNotContain(TENANT);
    }

    private static JsonNode json(String body) throws Exception {
        return HubJson.mapper().readTree(body);
    }

    @Test
    void aMonitoringTokenTakesNoTenant() {
        HttpResponse<String> r = send("POST", "/admin/v1/tokens", OPS,
                "{\"role\":\"monitoring\",\"tenantId\":\"" + TENANT + "\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("only a platform token takes a 'tenantId'");
    }
}
