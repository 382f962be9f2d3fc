package io.channelhub.connector.google;

import static io.channelhub.connector.google.GoogleFixtures.NOWHERE;
import static io.channelhub.connector.google.GoogleFixtures.SERVICE_ACCOUNT_EMAIL;
import static io.channelhub.connector.google.GoogleFixtures.serviceAccountKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the hub refuses to save, named by field and never quoting the key. */
class GoogleConfigurationProblemsTest {

    private final GoogleConnector connector = (GoogleConnector) new GoogleConnectorFactory().create(GoogleFixtures.environment(Map.of()));

    private List<String> problemsWithSettings(Map<String, String> settings) {
        return connector.configurationProblems(GoogleFixtures.tenant(NOWHERE, settings, Map.of()));
    }

    private List<String> problemsWithKey(String key) {
        TenantConnector tenant = GoogleFixtures.tenant(NOWHERE, Map.of(),
                Map.of(GoogleSettings.SERVICE_ACCOUNT_KEY, key));
        List<String> problems = connector.configurationProblems(tenant);
        assertThat(String.join("\n", problems)).doesNotContain("BEGIN PRIVATE KEY", "MII", key);
        return problems;
    }

    private static String keyWith(String field, String value) {
        var key = (ObjectNode) readTree(serviceAccountKey(SERVICE_ACCOUNT_EMAIL,
                NOWHERE));
        if (value == null) {
            key.remove(field);
        } else {
            key.put(field, value);
        }
        return key.toString();
    }

    @Test
    void theFixtureTenantIsFine() {
        assertThat(connector.configurationProblems(GoogleFixtures.tenant())).isEmpty();
    }

    @Test
    void aKeyThatIsNotJsonOrNoServiceAccountKey() {
        assertThat(problemsWithKey("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----"))
                .singleElement().asString().contains("is not JSON");
        assertThat(problemsWithKey("{\"type\":\"authorized_user\",\"client_id\":\"x\",\"refresh_token\":\"1//0g\"}"))
                .singleElement().asString().contains("\"service_account\"");
    }

    @Test
    void aKeyWithoutAFieldGooglesLibraryRequires() {
        assertThat(problemsWithKey(keyWith("private_key", null))).containsExactly(
                "'serviceAccountKey' has no \"private_key\"");
        assertThat(problemsWithKey(keyWith("client_email", null))).containsExactly(
                "'serviceAccountKey' has no \"client_email\"");
        assertThat(problemsWithKey(keyWith("client_id", null))).containsExactly(
                "'serviceAccountKey' has no \"client_id\"");
        assertThat(problemsWithKey(keyWith("private_key_id", ""))).containsExactly(
                "'serviceAccountKey' has no \"private_key_id\"");
    }

    @Test
    void aKeyOfAnotherServiceAccount() {
        assertThat(problemsWithKey(keyWith("client_email", "someone-else@other.iam.gserviceaccount.com")))
                .singleElement().asString().contains("another service account than 'serviceAccountEmail'")
                .doesNotContain("someone-else");
    }

    @Test
    void aPrivateKeyThatIsNoPkcs8PemAndATokenUriThatIsNoUrl() {
        assertThat(problemsWithKey(keyWith("private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")))
                .containsExactly("'serviceAccountKey' has a \"private_key\" that is not a PKCS#8 PEM private key");
        assertThat(problemsWithKey(keyWith("token_uri", "file:///etc/passwd")))
                .containsExactly("'serviceAccountKey' has a \"token_uri\" that is not an http(s) URL");
    }

    @Test
    void aClientTokenNoHeaderCanCarry() {
        List<String> problems = connector.configurationProblems(GoogleFixtures.tenant(NOWHERE, Map.of(),
                Map.of(GoogleSettings.CLIENT_TOKEN, "SJENCPGJESMGUFPY\n")));
        assertThat(problems).singleElement().asString().startsWith("'clientToken' has a line break at its end")
                .doesNotContain("SJENCPGJESMGUFPY");
    }

    @Test
    void settings() {
        assertThat(problemsWithSettings(Map.of(GoogleSettings.AGENT_ID, "dealer-042-agent@rbm.goog")))
                .singleElement().asString().contains("without '@rbm.goog'");
        assertThat(problemsWithSettings(Map.of(GoogleSettings.AGENT_ID, "dealer/../x")))
                .singleElement().asString().contains("must be an RBM agent id");
        assertThat(problemsWithSettings(Map.of(GoogleSettings.REGION, "mars")))
                .singleElement().asString().contains("europe, us, asia");
        assertThat(problemsWithSettings(Map.of(GoogleSettings.MESSAGE_TTL, "P16D")))
                .singleElement().asString().contains("between 10 seconds and 15 days");
        assertThat(problemsWithSettings(Map.of(GoogleSettings.MESSAGE_TTL, "5s"))).hasSize(1);
        assertThat(problemsWithSettings(Map.of(GoogleSettings.MESSAGE_TTL, "soon"))).hasSize(1);
        assertThat(problemsWithSettings(Map.of(GoogleSettings.MESSAGE_TTL, "P15D", GoogleSettings.REGION, "us")))
                .isEmpty();
    }

    private static JsonNode readTree(String json) {
        try {
            return HubJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
