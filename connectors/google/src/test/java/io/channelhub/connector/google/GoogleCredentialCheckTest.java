package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.google.RbmStubs.ACCESS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.CredentialCheck.Outcome;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A token and one capabilities call prove the service account and its access to the agent. */
class GoogleCredentialCheckTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PROBE = "/v1/phones/" + GoogleCredentialCheck.DEFAULT_PROBE_NUMBER + "/capabilities";

    private GoogleConnector connector;

    @BeforeEach
    void setUp() {
        connector = RbmStubs.connector(google, Map.of());
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
    }

    private CredentialCheck check() {
        return connector.checkCredentials(RbmStubs.tenant(google));
    }

    @Test
    void aNumberWithoutRcsStillProvesTheCredentials() {
        google.stubFor(get(urlPathEqualTo(PROBE)).willReturn(aResponse().withStatus(404)
                .withBody(GoogleFixtures.text("outbound/error-404-not-found.json"))));
        CredentialCheck check = check();
        assertThat(check.outcome()).isEqualTo(Outcome.OK);
        assertThat(check.detail()).contains(GoogleFixtures.AGENT_ID, GoogleFixtures.SERVICE_ACCOUNT_EMAIL);
        google.verify(getRequestedFor(urlPathEqualTo(PROBE)).withQueryParam("agentId", equalTo(GoogleFixtures.AGENT_ID))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
    }

    @Test
    void aReachableNumberProvesThemToo() {
        google.stubFor(get(urlPathEqualTo(PROBE)).willReturn(okJson(GoogleFixtures.text("outbound/capabilities.json"))));
        assertThat(check().outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aServiceAccountWithoutAccessToTheAgentIsRejectedWithWhatToDo() {
        google.stubFor(get(urlPathEqualTo(PROBE)).willReturn(aResponse().withStatus(403)
                .withBody(GoogleFixtures.text("outbound/error-403-permission-denied.json"))));
        CredentialCheck check = check();
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).contains("PERMISSION_DENIED", "give this service account access");
    }

    @Test
    void aKeyTheTokenEndpointRefusesIsRejected() {
        google.stubFor(post(urlPathEqualTo(RbmStubs.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withBody(GoogleFixtures.text("outbound/token-invalid-grant.json"))));
        CredentialCheck check = check();
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).contains("create a new key");
        google.verify(0, getRequestedFor(urlPathEqualTo(PROBE)));
    }

    @Test
    void aBrokenKeyIsRejectedWithoutACall() {
        CredentialCheck check = connector.checkCredentials(GoogleFixtures.tenant(RbmStubs.tokenUri(google), Map.of(),
                Map.of(GoogleSettings.SERVICE_ACCOUNT_KEY, "not json")));
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).contains("serviceAccountKey");
        google.verify(0, getRequestedFor(urlPathEqualTo(PROBE)));
    }

    @Test
    void googleDownIsUnreachable() {
        google.stubFor(get(urlPathEqualTo(PROBE)).willReturn(aResponse().withStatus(503)));
        assertThat(check().outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(connector.checkCredentials(GoogleFixtures.tenant()).outcome()).isEqualTo(Outcome.UNREACHABLE);
    }
}
