package io.channelhub.connector.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SmsApiEndpointTest {
    private static final URI MESSAGES =
            URI.create("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=1");

    @Test
    void withoutBaseUrlTwilioIsCalled() {
        SmsApiEndpoint twilio = SmsApiEndpoint.of("");
        assertThat(twilio.resolve(MESSAGES)).isEqualTo(MESSAGES);
        assertThat(twilio.isRewriting()).isFalse();
    }

    @Test
    void aBaseUrlReplacesSchemeHostAndPortAndKeepsPathAndQuery() {
        assertThat(SmsApiEndpoint.of("http://localhost:8089").resolve(MESSAGES))
                .isEqualTo(URI.create("http://localhost:8089/2010-04-01/Accounts/AC1/Messages.json?PageSize=1"));
        assertThat(SmsApiEndpoint.of("http://localhost:8089/twilio/").resolve(MESSAGES))
                .isEqualTo(URI.create("http://localhost:8089/twilio/2010-04-01/Accounts/AC1/Messages.json?PageSize=1"));
    }

    @Test
    void credentialsGoOnlyToTwilioOrTheConfiguredFake() {
        SmsApiEndpoint fake = SmsApiEndpoint.of("http://localhost:8089");
        assertThat(fake.isTwilioApi(URI.create("https://api.twilio.com/x"))).isTrue();
        assertThat(fake.isTwilioApi(URI.create("http://localhost:8089/x"))).isTrue();
        assertThat(fake.isTwilioApi(URI.create("http://api.twilio.com/x"))).as("not over plain http").isFalse();
        assertThat(fake.isTwilioApi(URI.create("https://api.twilio.com.evil.example/x"))).isFalse();
        assertThat(fake.isTwilioApi(URI.create("http://localhost:9999/x"))).isFalse();
        assertThat(SmsApiEndpoint.of(null).isTwilioApi(URI.create("http://localhost:8089/x"))).isFalse();
    }

    @Test
    void refusesABaseUrlThatIsNotHttp() {
        assertThatThrownBy(() -> SmsApiEndpoint.of("ftp://localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmsApiEndpoint.of("localhost:8089")).isInstanceOf(IllegalArgumentException.class);
    }
}
