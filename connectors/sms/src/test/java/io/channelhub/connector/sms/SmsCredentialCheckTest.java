package io.channelhub.connector.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.API_KEY_SECRET;
import static io.channelhub.connector.sms.SmsTestSupport.API_KEY_SID;
import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static io.channelhub.connector.sms.SmsTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.CredentialCheck.Outcome;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmsCredentialCheckTest {
    private static final String ACCOUNT_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + ".json";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = SmsTestSupport.connector("http://localhost:" + twilio.getPort(), "2s");
    }

    @Test
    void anActiveAccountIsOk() {
        account(200, "account-active.json");
        CredentialCheck check = connector.checkCredentials(SmsTestSupport.authTokenTenant());
        assertThat(check.outcome()).isEqualTo(Outcome.OK);
        assertThat(check.detail()).contains(ACCOUNT_SID).doesNotContain(AUTH_TOKEN);
        twilio.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN)));
    }

    @Test
    void aSuspendedAccountIsRejected() {
        account(200, "account-suspended.json");
        assertThat(connector.checkCredentials(SmsTestSupport.authTokenTenant()).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void wrongCredentialsAreRejected() {
        account(401, "error-20003-authenticate.json");
        CredentialCheck check = connector.checkCredentials(SmsTestSupport.authTokenTenant());
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).contains("20003").doesNotContain(AUTH_TOKEN);
    }

    @Test
    void aServerErrorLeavesItUnknown() {
        twilio.stubFor(get(urlEqualTo(ACCOUNT_PATH)).willReturn(aResponse().withStatus(500)));
        assertThat(connector.checkCredentials(SmsTestSupport.authTokenTenant()).outcome())
                .isEqualTo(Outcome.UNREACHABLE);
        twilio.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_PATH)));
    }

    @Test
    void anUnreachableTwilioIsUnreachable() {
        twilio.stubFor(get(urlEqualTo(ACCOUNT_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThat(connector.checkCredentials(SmsTestSupport.authTokenTenant()).outcome())
                .isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void apiKeysAreCheckedOnTheMessagesList() {
        twilio.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixtureText("outbound/messages-page.json"))));
        CredentialCheck check = connector.checkCredentials(SmsTestSupport.apiKeyTenant());
        assertThat(check.outcome()).isEqualTo(Outcome.OK);
        assertThat(check.detail()).doesNotContain(API_KEY_SECRET);
        twilio.verify(1, getRequestedFor(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
                .withQueryParam("PageSize", WireMock.equalTo("1"))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET)));
    }

    @Test
    void missingConfigurationIsRejectedWithoutACall() {
        CredentialCheck check = connector.checkCredentials(SmsTestSupport.tenant(
                Map.of("accountSid", ACCOUNT_SID, "fromNumber", "+3197010251234"), Map.of()));
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private void account(int status, String fixture) {
        twilio.stubFor(get(urlEqualTo(ACCOUNT_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixtureText("outbound/" + fixture))));
    }
}
