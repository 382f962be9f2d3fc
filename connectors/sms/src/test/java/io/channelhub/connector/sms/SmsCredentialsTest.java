package io.channelhub.connector.sms;

import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.API_KEY_SECRET;
import static io.channelhub.connector.sms.SmsTestSupport.API_KEY_SID;
import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.http.TwilioRestClient;
import io.channelhub.core.spi.TenantConnector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsCredentialsTest {

    @Test
    void authTokenCredentialsAuthenticateAsTheAccountAndSignWithTheToken() {
        SmsCredentials credentials = SmsCredentials.of(SmsTestSupport.authTokenTenant());
        assertThat(credentials.username()).isEqualTo(ACCOUNT_SID);
        assertThat(credentials.usesApiKey()).isFalse();
        assertThat(credentials.signingToken()).contains(AUTH_TOKEN);
    }

    @Test
    void apiKeysArePreferredForRestButTheTokenStillSigns() {
        TenantConnector both = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID),
                Map.of("authToken", AUTH_TOKEN, "apiKeySid", API_KEY_SID, "apiKeySecret", API_KEY_SECRET));
        SmsCredentials credentials = SmsCredentials.of(both);
        assertThat(credentials.username()).isEqualTo(API_KEY_SID);
        assertThat(credentials.accountSid()).isEqualTo(ACCOUNT_SID);
        assertThat(credentials.signingToken()).contains(AUTH_TOKEN);
        assertThat(SmsCredentials.of(SmsTestSupport.apiKeyTenant()).signingToken()).isEmpty();
    }

    @Test
    void incompleteCredentialsAreRefused() {
        assertThatThrownBy(() -> SmsCredentials.of(SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID),
                Map.of("apiKeySecret", API_KEY_SECRET)))).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(API_KEY_SECRET);
        assertThatThrownBy(() -> SmsCredentials.of(SmsTestSupport.tenant(Map.of(), Map.of("authToken", AUTH_TOKEN))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noSecretInToString() {
        SmsCredentials token = SmsCredentials.of(SmsTestSupport.authTokenTenant());
        SmsCredentials key = SmsCredentials.of(SmsTestSupport.apiKeyTenant());
        assertThat(token + " " + key).doesNotContain(AUTH_TOKEN, API_KEY_SECRET).contains("***");
        assertThat(token.fingerprint()).doesNotContain(AUTH_TOKEN).isNotEqualTo(key.fingerprint());
    }

    @Test
    void oneClientPerTenantUntilTheCredentialsChange() {
        TwilioClients clients = new TwilioClients(new SmsApiHttpClient(HttpClient.newHttpClient(),
                SmsApiEndpoint.twilio(), Duration.ofSeconds(1)));
        SmsCredentials original = SmsCredentials.of(SmsTestSupport.authTokenTenant());
        TwilioRestClient first = clients.forTenant("dealer-042", original);

        assertThat(clients.forTenant("dealer-042", SmsCredentials.of(SmsTestSupport.authTokenTenant())))
                .isSameAs(first);
        assertThat(clients.forTenant("dealer-043", original)).isNotSameAs(first);
        TwilioRestClient rotated = clients.forTenant("dealer-042", SmsCredentials.of(SmsTestSupport.tenant(
                Map.of("accountSid", ACCOUNT_SID), Map.of("authToken", "ffffeeeeddddccccbbbbaaaa99998888"))));
        assertThat(rotated).isNotSameAs(first);
        assertThat(rotated.getRegion()).as("no region: URLs stay api.twilio.com").isNull();
        assertThat(rotated.getEdge()).isNull();
    }
}
