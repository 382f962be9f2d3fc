package io.channelhub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 20 (8): every ops change is in the audit trail with the name of the token it was made with, when and what
 * changed — settings with their values, secrets by name only, never a secret's value nor an erased contact's
 * address — and only an ops token reads it.
 */
class AuditTrailTest extends HubTestBase {
    static final String SECRET_VALUE = "s3cr3t-signing-value-0042";
    static final String NEW_SECRET_VALUE = "n3w-s3cr3t-signing-value-0043";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
    }

    @Test
    void opsChangesAreListedWithTheirTokenAndWhatChangedAndNeverASecret() throws Exception {
        String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        tenantWithTestConnector(tenant, "test", "acct-" + tenant, SECRET_VALUE);
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS,
                "{\"enabled\":true,\"settings\":{\"account\":\"acct2-" + tenant + "\"},\"secrets\":{\"signingSecret\":\""
                        + NEW_SECRET_VALUE + "\"}}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/admin/v1/tenants/" + tenant + "/connectors/test/disable", OPS, null).statusCode())
                .isEqualTo(200);
        assertThat(send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"Audit Motors\",\"retentionDays\":90}")
                .statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/admin/v1/tenants/" + tenant + "/contacts/%2B31612340000", OPS, null)
                .statusCode()).isEqualTo(200);
        String tokenName = "audit-crm-" + tenant;
        assertThat(send("POST", "/admin/v1/tokens", OPS, "{\"name\":\"" + tokenName + "\",\"role\":\"platform\"}")
                .statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/admin/v1/tokens/" + tokenName, OPS, null).statusCode()).isEqualTo(204);

        HttpResponse<String> trail = send("GET", "/admin/v1/audit?tenantId=" + tenant, OPS, null);
        assertThat(trail.statusCode()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        HubJson.mapper().readTree(trail.body()).forEach(entries::add);
        assertThat(entries).extracting(e -> e.path("action").asText()).containsExactly("contact.erased",
                "tenant.updated", "connector.disabled", "connector.updated", "connector.created", "tenant.created");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("actor").asText()).isEqualTo("ops");
            assertThat(e.path("at").asText()).isNotBlank();
        });

        JsonNode created = entries.get(4).path("detail");
        assertThat(created.path("settings").path("account").asText()).isEqualTo("acct-" + tenant);
        assertThat(created.path("secretsReplaced")).extracting(JsonNode::asText)
                .containsExactly("signingSecret", "token", "verifyToken");
        JsonNode updated = entries.get(3).path("detail");
        assertThat(updated.path("settings").path("account").asText()).isEqualTo("acct2-" + tenant);
        assertThat(updated.path("secretsReplaced")).extracting(JsonNode::asText).containsExactly("signingSecret");
        assertThat(updated.has("secretsRemoved")).isFalse();
        assertThat(entries.get(1).path("detail").path("fields").path("retentionDays").asInt()).isEqualTo(90);
        assertThat(entries.get(1).path("detail").path("fields").path("name").asText()).isEqualTo("Audit Motors");
        assertThat(entries.get(0).path("detail").path("messages").asInt()).isZero();
        assertThat(trail.body()).doesNotContain(SECRET_VALUE).doesNotContain(NEW_SECRET_VALUE)
                .doesNotContain("31612340000");

        assertThat(send("GET", "/admin/v1/audit?tenantId=" + tenant + "&since=" + java.time.Instant.now().plusSeconds(60),
                OPS, null).body()).isEqualTo("[]");
        HttpResponse<String> tokens = send("GET", "/admin/v1/audit?action=token.created", OPS, null);
        assertThat(tokens.body()).contains(tokenName);
        assertThat(send("GET", "/admin/v1/audit?action=token.revoked&limit=1", OPS, null).body()).contains(tokenName);
    }

    @Test
    void onlyAnOpsTokenReadsTheTrailAndBadQueriesAreRefused() {
        assertThat(send("GET", "/admin/v1/audit", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/v1/audit", PLATFORM, null).statusCode()).isEqualTo(403);
        HttpResponse<String> badLimit = send("GET", "/admin/v1/audit?limit=0", OPS, null);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(send("GET", "/admin/v1/audit?before=yesterday", OPS, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/admin/v1/audit?since=2026-13-01", OPS, null).statusCode()).isEqualTo(400);
    }
}
