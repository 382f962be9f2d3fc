package io.channelhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit trail page: a change made in the console and one made through the API, each with who made it. */
class ConsoleAuditTest extends ConsoleSession {

    @Test
    void changesThroughTheConsoleAndTheApiAreListedWithWhoMadeThem() throws Exception {
        createTenant("ca-audit", "Audit Cars"); // through the API, with the ops token
        tenantWithTestConnector("ca-audit", "test", "ca-audit-acct", "ca-audit-secret-value");
        assertThat(submit("/console/tenants/ca-audit/connectors/test/enabled", java.util.Map.of("enabled", "false"))
                .statusCode()).isEqualTo(302);

        String page = get("/console/audit?tenant=ca-audit").body();
        assertThat(page).contains("data-action=\"connector.disabled\"").contains("console:ops")
                .contains("data-action=\"connector.created\"").contains("data-action=\"tenant.created\"")
                .contains("secretsReplaced").doesNotContain("ca-audit-secret-value");
        assertThat(page.indexOf("connector.disabled")).as("newest first")
                .isLessThan(page.indexOf("data-action=\"connector.created\""));
        assertThat(get("/console/audit?tenant=nobody-here").body()).contains("id=\"audit-none\"");
    }
}
