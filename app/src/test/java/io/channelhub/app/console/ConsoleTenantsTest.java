package io.channelhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.persistence.UsageRepository;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tenants in the console over HTTP: list and search, create and edit, offboarding, usage, escaping. */
class ConsoleTenantsTest extends ConsoleSession {
    @Autowired
    TenantRepository tenants;
    @Autowired
    ConnectorRepository connectors;
    @Autowired
    UsageRepository usage;

    @Test
    void theListFindsTenantsByNameOrIdAndMarksConnectorsNeedingAttention() throws Exception {
        createTenant("ct-list-alpha", "Autohaus Alpha");
        createTenant("ct-list-beta", "Garage Beta");
        tenantWithTestConnector("ct-list-gamma", "test", "ct-list-gamma-acct", "s");
        connectors.setHealth("ct-list-gamma", "test", "unhealthy", "token refused");

        String byName = get("/console/tenants?q=autohaus").body();
        assertThat(byName).contains("id=\"tenant-row-ct-list-alpha\"").doesNotContain("ct-list-beta");
        String byId = get("/console/tenants?q=ct-list-be").body();
        assertThat(byId).contains("id=\"tenant-row-ct-list-beta\"").doesNotContain("ct-list-alpha");
        String flagged = get("/console/tenants?q=ct-list-gamma").body();
        assertThat(flagged).contains("data-attention=\"true\"").contains("test: unhealthy");
        assertThat(get("/console/tenants?q=ct-list-alpha").body()).contains("data-attention=\"false\"");
    }

    @Test
    void aTenantIsCreatedAndEditedThroughTheFormsAndARefusedFormStoresNothing() throws Exception {
        HttpResponse<String> refused = submit("/console/tenants", Map.of("id", "ct-form", "name", "Form Motors",
                "timezone", "Europe/Amsterdam", "quietHours", "21-08", "retentionDays", "548"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"tenant-form-error\"").contains("must look like 21:00-08:00")
                .contains("value=\"Form Motors\"");
        assertThat(tenants.find("ct-form")).isEmpty();

        HttpResponse<String> created = submit("/console/tenants", Map.of("id", "ct-form", "name", "Form Motors",
                "timezone", "Europe/Amsterdam", "quietHours", "21:00-08:00", "retentionDays", "90"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/console/tenants/ct-form");
        Tenant t = tenants.find("ct-form").orElseThrow();
        assertThat(t.name()).isEqualTo("Form Motors");
        assertThat(t.timezone()).isEqualTo("Europe/Amsterdam");
        assertThat(t.quietHours()).isEqualTo("21:00-08:00");
        assertThat(t.retentionDays()).isEqualTo(90);

        assertThat(submit("/console/tenants", Map.of("id", "ct-form", "name", "Other")).statusCode())
                .isEqualTo(409);
        assertThat(get("/console/tenants/ct-form/edit").body()).contains("value=\"Form Motors\"")
                .contains("value=\"21:00-08:00\"");
        HttpResponse<String> edited = submit("/console/tenants/ct-form", Map.of("name", "Form Motors B.V.",
                "timezone", "UTC", "quietHours", "", "retentionDays", "90"));
        assertThat(edited.statusCode()).isEqualTo(302);
        assertThat(tenants.find("ct-form").orElseThrow().name()).isEqualTo("Form Motors B.V.");
        assertThat(tenants.find("ct-form").orElseThrow().quietHours()).isNull();
        assertThat(get("/console/tenants/ct-form").body()).contains("Tenant saved.").contains("Form Motors B.V.");
    }

    @Test
    void aChannelsDefaultFallbackIsSetShownAndRemovedAndARefusedOneStoresNothing() throws Exception {
        createTenant("ct-fallback", "Fallback Motors");
        assertThat(get("/console/tenants/ct-fallback").body()).contains("id=\"fallbacks-none\"");

        HttpResponse<String> saved = submit("/console/tenants/ct-fallback/fallbacks",
                Map.of("channel", "google", "next", "sms", "on", "not_reachable"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/console/tenants/ct-fallback#fallbacks");
        String page = get("/console/tenants/ct-fallback").body();
        assertThat(page).contains("Default fallback saved: google then sms.").contains("data-test=\"fallback-row\" data-channel=\"google\"")
                .contains("then sms on not_reachable");
        assertThat(send("GET", "/admin/v1/tenants/ct-fallback/fallbacks", OPS, null).body())
                .contains("\"google\":{\"fallback\":[{\"channel\":\"sms\",\"on\":[\"not_reachable\"]}]}");

        // An e-mail attempt after RBM could not use the message's phone number; a deadline needs a duration.
        submit("/console/tenants/ct-fallback/fallbacks", Map.of("channel", "google", "next", "email", "on", "failed"));
        assertThat(get("/console/tenants/ct-fallback").body()).contains("Default fallback not saved")
                .contains("would not carry over").contains("then sms on not_reachable").doesNotContain("then email");
        submit("/console/tenants/ct-fallback/fallbacks", Map.of("channel", "sms", "next", "whatsapp",
                "on", "not_delivered_within", "within", "10 minutes"));
        assertThat(get("/console/tenants/ct-fallback").body()).contains("ISO-8601 duration")
                .doesNotContain("data-test=\"fallback-row\" data-channel=\"sms\"");

        assertThat(submit("/console/tenants/ct-fallback/fallbacks/google/remove", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(get("/console/tenants/ct-fallback").body()).contains("Default fallback of google removed.")
                .contains("id=\"fallbacks-none\"");
    }

    @Test
    void offboardingIsConfirmedOnAPageThatSaysWhatHappensAndWhenThenDisablesTheConnectors() throws Exception {
        tenantWithTestConnector("ct-offboard", "test", "ct-offboard-acct", "s");
        assertThat(connectors.find("ct-offboard", "test").orElseThrow().enabled()).isTrue();

        String confirm = get("/console/tenants/ct-offboard/offboard").body();
        String eraseOn = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC)
                .format(Instant.now().plus(Duration.ofDays(30)));
        assertThat(confirm).contains("id=\"offboard-consequences\"").contains("disabled")
                .contains("webhooks are removed").contains(eraseOn).contains("id=\"offboard-confirm\"");
        assertThat(connectors.find("ct-offboard", "test").orElseThrow().enabled()).as("nothing happens on GET")
                .isTrue();

        HttpResponse<String> done = submit("/console/tenants/ct-offboard/offboard", Map.of());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(connectors.find("ct-offboard", "test").orElseThrow().enabled()).isFalse();
        Tenant t = tenants.find("ct-offboard").orElseThrow();
        assertThat(t.status()).isEqualTo("offboarding");
        assertThat(t.eraseAfter()).isAfter(Instant.now().plus(Duration.ofDays(29)));
        assertThat(get("/console/tenants/ct-offboard").body()).contains("Tenant offboarded")
                .contains("offboarding").doesNotContain("id=\"tenant-offboard\"");
    }

    @Test
    void usageShowsAsNumbersAndAsAServerRenderedBarChart() throws Exception {
        createTenant("ct-usage", "Usage Cars");
        assertThat(get("/console/tenants/ct-usage").body()).contains("id=\"usage-none\"")
                .doesNotContain("data-test=\"usage-bar\"");
        usage.add("ct-usage", "sms", "outbound", 7, 9, Instant.parse("2026-03-10T10:00:00Z"));
        usage.add("ct-usage", "sms", "inbound", 3, 3, Instant.parse("2026-03-11T10:00:00Z"));
        usage.add("ct-usage", "whatsapp", "outbound", 4, 4, Instant.parse("2026-04-02T10:00:00Z"));

        String page = get("/console/tenants/ct-usage").body();
        assertThat(page).contains("<svg id=\"usage-chart\"").contains("data-period=\"2026-03\" data-channel=\"sms\"")
                .contains(">2026-04<").contains(">10<");
        assertThat(page.split("data-test=\"usage-bar\"", -1)).hasSize(3);
        assertThat(page).containsPattern("data-channel=\"sms\">\\s*<td>2026-03</td><td>sms</td>\\s*"
                + "<td class=\"num\">3</td><td class=\"num\">7</td>\\s*<td class=\"num\">12</td>");
    }

    @Test
    void aTenantNameWithMarkupIsShownAsText() throws Exception {
        createTenant("ct-script", "<script>alert(1)</script>");
        for (String path : new String[] {"/console/tenants?q=ct-script", "/console/tenants/ct-script",
                "/console/tenants/ct-script/edit", "/console/tenants/ct-script/offboard"}) {
            String page = get(path).body();
            assertThat(page).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script>alert(1)");
        }
    }
}
