package io.channelhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.registry.ConnectorAdmin;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.spi.ChannelConnector;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/** A tenant's connector cards over HTTP: generated forms, refused saves, write-only secrets, checks, enabling. */
class ConsoleConnectorsTest extends ConsoleSession {
    @Autowired
    ConnectorRepository connectors;
    @Autowired
    ConnectorAdmin admin;
    @Autowired
    ConnectorCatalog catalog;

    @Test
    void everyChannelTheHubKnowsHasACardWithItsFieldsDescriptionsAndRequiredMarks() throws Exception {
        createTenant("cc-cards", "Cards");
        String page = get("/console/tenants/cc-cards").body();
        for (ChannelConnector c : catalog.all()) {
            String channel = c.descriptor().id();
            assertThat(page).contains("id=\"connector-" + channel + "\"");
            c.descriptor().settingKeys().forEach(k -> assertThat(page).contains("name=\"setting." + k + "\""));
            c.descriptor().secretKeys().forEach(k -> assertThat(page).contains("id=\"" + channel + "-secret-" + k
                    + "\"").contains("name=\"secret." + k + "\""));
        }
        assertThat(page).contains(HtmlUtils.htmlEscape(catalog.find("whatsapp").orElseThrow().fieldDescriptions()
                        .get("phoneNumberId")))
                .containsPattern("<input type=\"text\" id=\"whatsapp-setting-phoneNumberId\"[^>]*required");
        assertThat(page).contains("id=\"connector-whatsapp-webhook-url\"").contains("the verify token you")
                .contains("data-copy=\"#connector-whatsapp-webhook-url\"");
    }

    @Test
    void aSaveWithABadFieldShowsTheProblemInTheCardAndStoresNothing() throws Exception {
        createTenant("cc-bad", "Bad");
        HttpResponse<String> refused = submit("/console/tenants/cc-bad/connectors/whatsapp", Map.of(
                "setting.phoneNumberId", "not a graph id", "secret.accessToken", "EAAG-never-shown-4711",
                "secret.appSecret", "app-secret-never-shown", "enabled", "true"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"connector-whatsapp-error\"").contains("phoneNumberId")
                .contains("value=\"not a graph id\"")
                .doesNotContain("EAAG-never-shown-4711").doesNotContain("app-secret-never-shown");
        assertThat(connectors.find("cc-bad", "whatsapp")).isEmpty();
    }

    @Test
    void secretsAreWriteOnlyAndAnEmptySecretFieldKeepsTheStoredOne() throws Exception {
        createTenant("cc-secret", "Secret");
        HttpResponse<String> saved = submit("/console/tenants/cc-secret/connectors/test", Map.of(
                "setting.account", "cc-secret-acct", "secret.token", "tok-never-in-a-page-0815",
                "secret.signingSecret", "sign-never-in-a-page-0815", "enabled", "true"));
        assertThat(saved.statusCode()).isEqualTo(302);
        String page = get("/console/tenants/cc-secret").body();
        assertThat(page).doesNotContain("tok-never-in-a-page-0815").doesNotContain("sign-never-in-a-page-0815")
                .containsPattern("id=\"test-secret-token-state\"[^>]*>set<")
                .containsPattern("id=\"test-secret-verifyToken-state\"[^>]*>not set<")
                .contains("value=\"cc-secret-acct\"");

        assertThat(submit("/console/tenants/cc-secret/connectors/test", Map.of("setting.account", "cc-secret-acct",
                "secret.token", "", "secret.signingSecret", "", "enabled", "true")).statusCode()).isEqualTo(302);
        assertThat(admin.list("cc-secret").get(0).secrets()).containsOnlyKeys("token", "signingSecret");

        assertThat(submit("/console/tenants/cc-secret/connectors/test", Map.of("setting.account", "cc-secret-acct",
                "secret.verifyToken", "verify-0815", "enabled", "true")).statusCode()).isEqualTo(302);
        assertThat(admin.list("cc-secret").get(0).secrets()).containsOnlyKeys("token", "signingSecret",
                "verifyToken");
        assertThat(get("/console/tenants/cc-secret").body()).doesNotContain("verify-0815");
    }

    @Test
    void testConnectionRunsTheCheckAgainAndRecordsTheHealth() throws Exception {
        tenantWithTestConnector("cc-check", "test", "cc-check-acct", "s");
        connectors.setHealth("cc-check", "test", "unhealthy", "token refused yesterday");
        assertThat(get("/console/tenants/cc-check").body()).contains("token refused yesterday");

        StubMapping accepted = PROVIDER.stubFor(WireMock.get(WireMock.urlEqualTo("/me"))
                .withHeader("Authorization", WireMock.equalTo("Bearer tok-cc-check-acct"))
                .willReturn(WireMock.aResponse().withStatus(200)));
        try {
            HttpResponse<String> checked = submit("/console/tenants/cc-check/connectors/test/check", Map.of());
            assertThat(checked.statusCode()).isEqualTo(302);
            var record = connectors.find("cc-check", "test").orElseThrow();
            assertThat(record.health()).isEqualTo("ok");
            assertThat(record.healthDetail()).isEqualTo("token accepted");
            assertThat(get("/console/tenants/cc-check").body()).contains("checked: ok")
                    .containsPattern("id=\"connector-test-health\"[^>]*>ok<");
        } finally {
            PROVIDER.removeStub(accepted);
        }
        StubMapping refused = PROVIDER.stubFor(WireMock.get(WireMock.urlEqualTo("/me"))
                .willReturn(WireMock.aResponse().withStatus(401)));
        try {
            submit("/console/tenants/cc-check/connectors/test/check", Map.of());
            assertThat(connectors.find("cc-check", "test").orElseThrow().health()).isEqualTo("unhealthy");
        } finally {
            PROVIDER.removeStub(refused);
        }
    }

    @Test
    void aConnectorIsDisabledAndEnabledAgain() throws Exception {
        tenantWithTestConnector("cc-toggle", "test", "cc-toggle-acct", "s");
        assertThat(submit("/console/tenants/cc-toggle/connectors/test/enabled", Map.of("enabled", "false"))
                .statusCode()).isEqualTo(302);
        assertThat(connectors.find("cc-toggle", "test").orElseThrow().enabled()).isFalse();
        assertThat(get("/console/tenants/cc-toggle").body())
                .containsPattern("id=\"connector-test-toggle\"[^>]*>Enable<");
        submit("/console/tenants/cc-toggle/connectors/test/enabled", Map.of("enabled", "true"));
        assertThat(connectors.find("cc-toggle", "test").orElseThrow().enabled()).isTrue();
    }
}
