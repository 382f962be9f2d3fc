package io.channelhub.connector.sms;

import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static io.channelhub.connector.sms.SmsTestSupport.WEBHOOK_URL;
import static io.channelhub.connector.sms.SmsTestSupport.fixture;
import static io.channelhub.connector.sms.SmsTestSupport.sign;
import static io.channelhub.connector.sms.SmsTestSupport.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsWebhookVerifierTest {
    private final WebhookVerifier verifier = SmsTestSupport.connector(null, null).webhooks().orElseThrow();
    private final TenantConnector tenant = SmsTestSupport.authTokenTenant();
    private final byte[] body = fixture("inbound/sms-text.form");

    @Test
    void acceptsTheSignatureTwilioComputes() {
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, sign(AUTH_TOKEN, WEBHOOK_URL, body)), tenant)).isTrue();
    }

    @Test
    void acceptsStatusCallbacksSignedOverTheUrlWithItsQuery() {
        byte[] callback = fixture("inbound/status-delivered.form");
        String url = WEBHOOK_URL + "?hubMessageId=0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87";
        assertThat(verifier.verify(webhook(url, callback, sign(AUTH_TOKEN, url, callback)), tenant)).isTrue();
    }

    @Test
    void acceptsAQueryTheHubPassedSeparatelyFromTheUrl() {
        byte[] callback = fixture("inbound/status-delivered.form");
        String signedUrl = WEBHOOK_URL + "?hubMessageId=0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87";
        WebhookRequest request = new WebhookRequest("POST", WEBHOOK_URL,
                Map.of("hubMessageId", List.of("0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87")),
                Map.of("X-Twilio-Signature", sign(AUTH_TOKEN, signedUrl, callback)), callback);
        assertThat(verifier.verify(request, tenant)).isTrue();
    }

    @Test
    void refusesAnInvalidSignature() {
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, "RSOYDt4T1cUTdK1PDd93/VVr8B8="), tenant)).isFalse();
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, "not base64 at all"), tenant)).isFalse();
    }

    @Test
    void refusesAMissingOrEmptySignature() {
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, null), tenant)).isFalse();
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, ""), tenant)).isFalse();
    }

    @Test
    void refusesASignatureMadeWithAnotherToken() {
        String signature = sign("0000aaaa1111bbbb2222cccc3333dddd", WEBHOOK_URL, body);
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, signature), tenant)).isFalse();
    }

    @Test
    void refusesATamperedParameter() {
        String signature = sign(AUTH_TOKEN, WEBHOOK_URL, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Body=Is+de", "Body=Is+het")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(webhook(WEBHOOK_URL, tampered, signature), tenant)).isFalse();
    }

    @Test
    void refusesASignatureForAnotherUrl() {
        String signature = sign(AUTH_TOKEN, "https://hub.example.com/webhooks/sms/other-tenant", body);
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, signature), tenant)).isFalse();
    }

    @Test
    void acceptsASignatureOverTheUrlWithTheDefaultPortWhenTheHubSeesItWithout() {
        String signature = sign(AUTH_TOKEN, "https://hub.example.com:443/webhooks/sms/dealer-042", body);
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, signature), tenant)).isTrue();
    }

    @Test
    void acceptsASignatureOverTheUrlWithoutPortWhenTheHubSeesItWithThePort() {
        String signature = sign(AUTH_TOKEN, WEBHOOK_URL, body);
        String withPort = "https://hub.example.com:443/webhooks/sms/dealer-042";
        assertThat(verifier.verify(webhook(withPort, body, signature), tenant)).isTrue();
    }

    @Test
    void httpUrlsWorkWithAndWithoutPort80() {
        String plain = "http://hub.example.com/webhooks/sms/dealer-042";
        String withPort = "http://hub.example.com:80/webhooks/sms/dealer-042";
        assertThat(verifier.verify(webhook(plain, body, sign(AUTH_TOKEN, withPort, body)), tenant)).isTrue();
        assertThat(verifier.verify(webhook(withPort, body, sign(AUTH_TOKEN, plain, body)), tenant)).isTrue();
    }

    @Test
    void matchesTwilioJavasOwnTestVectors() {
        // Vectors of twilio-java's RequestValidatorTest: token 12345, these parameters and URL.
        byte[] form = ("Digits=1234&CallSid=CA1234567890ABCDE&To=%2B18005551212"
                + "&Caller=%2B14158675309&From=%2B14158675309")
                .getBytes(StandardCharsets.UTF_8);
        TenantConnector vectorTenant = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID),
                Map.of("authToken", "12345"));
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(verifier.verify(webhook(url, form, "RSOYDt4T1cUTdK1PDd93/VVr8B8="), vectorTenant)).isTrue();
        assertThat(verifier.verify(webhook(url, form, "kvajT1Ptam85bY51eRf/AJRuM3w="), vectorTenant))
                .as("signed over the URL with :443").isTrue();
        assertThat(verifier.verify(webhook(url.replace("https", "http"), form, "0ZXoZLH/DfblKGATFgpif+LLRf4="),
                vectorTenant)).as("signed over the URL with :80").isTrue();
        assertThat(sign("12345", url, form)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void refusesEverythingWhenOnlyApiKeysAreConfigured() {
        String signature = sign(AUTH_TOKEN, WEBHOOK_URL, body);
        assertThat(verifier.verify(webhook(WEBHOOK_URL, body, signature), SmsTestSupport.apiKeyTenant())).isFalse();
    }

    @Test
    void refusesABodyThatIsNotFormEncoded() {
        byte[] broken = "Body=%E0%A4%A&From=%2".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(webhook(WEBHOOK_URL, broken, sign(AUTH_TOKEN, WEBHOOK_URL, new byte[0])), tenant))
                .isFalse();
    }

    @Test
    void findsTheAccountInTheForm() {
        assertThat(verifier.accountId(webhook(WEBHOOK_URL, body, null))).contains(ACCOUNT_SID);
        assertThat(verifier.accountId(webhook(WEBHOOK_URL, "%%%".getBytes(StandardCharsets.UTF_8), null))).isEmpty();
        assertThat(verifier.accountId(webhook(WEBHOOK_URL, new byte[0], null))).isEmpty();
    }

    @Test
    void acknowledgesWithEmptyTwiml() {
        WebhookReply reply = verifier.acknowledgement();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("text/xml");
        assertThat(reply.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    }

    @Test
    void keepsOnlyTheContentType() {
        assertThat(verifier.headersToKeep()).containsExactly("Content-Type");
        assertThat(verifier.handshake(webhook(WEBHOOK_URL, body, null), tenant)).isEmpty();
    }
}
