package io.channelhub.connector.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.ACCESS_TOKEN;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.CredentialCheck.Outcome;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The credential check ops see when they save a WhatsApp connector; it never throws. */
class WhatsAppCredentialCheckTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PHONE = "/v26.0/106540352242922";

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", graph.baseUrl(), "timeout", "500ms")));
    }

    private CredentialCheck check() {
        CredentialCheck result = connector.checkCredentials(tenant());
        assertThat(result.detail()).doesNotContain(ACCESS_TOKEN);
        return result;
    }

    @Test
    void phoneNumberLookupSucceedsWithTheToken() {
        graph.stubFor(get(urlPathEqualTo(PHONE)).willReturn(okJson(WhatsAppFixtures.text("outbound/phone-number.json"))));
        assertThat(check().outcome()).isEqualTo(Outcome.OK);
        graph.verify(1, getRequestedFor(urlPathEqualTo(PHONE)).withQueryParam("fields", equalTo("id"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
    }

    @Test
    void expiredTokenIsRejected() {
        graph.stubFor(get(urlPathEqualTo(PHONE)).willReturn(aResponse().withStatus(401)
                .withBody(WhatsAppFixtures.text("outbound/error-190-token.json"))));
        assertThat(check().outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void unknownPhoneNumberIdIsRejected() {
        graph.stubFor(get(urlPathEqualTo(PHONE)).willReturn(aResponse().withStatus(400)
                .withBody(WhatsAppFixtures.text("outbound/error-100-invalid-param.json"))));
        assertThat(check().outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void serverErrorLeavesCredentialsUnknown() {
        graph.stubFor(get(urlPathEqualTo(PHONE)).willReturn(aResponse().withStatus(503)));
        assertThat(check().outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void unreachableGraphIsUnreachable() {
        connector = new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", "http://127.0.0.1:1", "timeout", "500ms")));
        assertThat(check().outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void missingSettingsOrTokenAreRejectedWithoutACall() {
        Map<String, String> noPhone = new HashMap<>();
        noPhone.put("phoneNumberId", null);
        assertThat(connector.checkCredentials(tenant(noPhone, Map.of())).outcome()).isEqualTo(Outcome.REJECTED);
        Map<String, String> noToken = new HashMap<>();
        noToken.put("accessToken", null);
        assertThat(connector.checkCredentials(tenant(Map.of(), noToken)).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }
}
