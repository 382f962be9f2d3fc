package io.channelhub.connector.sms;

import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static io.channelhub.connector.sms.SmsTestSupport.WEBHOOK_URL;
import static io.channelhub.connector.sms.SmsTestSupport.fixture;
import static io.channelhub.connector.sms.SmsTestSupport.sign;
import static io.channelhub.connector.sms.SmsTestSupport.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.channelhub.connector.sms.model.TwilioForm;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every case of PROTOCOLS §9 with vectors of our own, computed as Twilio's SDKs compute them (independently,
 * with HMAC-SHA1 in {@link SmsTestSupport#sign}) and, where its API can express the case, cross-checked with
 * twilio-java's own {@link RequestValidator}.
 */
class SmsWebhookSignatureCasesTest {
    private final SmsWebhookVerifier verifier = new SmsWebhookVerifier();
    private final TenantConnector tenant = SmsTestSupport.authTokenTenant();
    private final byte[] form = fixture("inbound/sms-text.form");

    @Test
    void ourSignerAgreesWithTheSdksValidator() throws Exception {
        assertThat(new RequestValidator(AUTH_TOKEN).validate(WEBHOOK_URL, TwilioForm.parse(form).firstValues(),
                sign(AUTH_TOKEN, WEBHOOK_URL, form))).isTrue();
        byte[] json = fixture("inbound/sms-text.json");
        String url = WEBHOOK_URL + "?bodySHA256=" + sha256Hex(json);
        assertThat(new RequestValidator(AUTH_TOKEN).validate(url, new String(json, StandardCharsets.UTF_8),
                sign(AUTH_TOKEN, url, new byte[0]))).isTrue();
    }

    // ---- a repeated parameter -----------------------------------------------------------------------

    @Test
    void aRepeatedParameterIsSignedWithItsValuesSorted() {
        byte[] repeated = formWith("&Tag=zulu&Tag=alpha&Tag=mike");
        String signature = sign(AUTH_TOKEN, WEBHOOK_URL, repeated);
        assertThat(signature).isEqualTo(hmac(AUTH_TOKEN, WEBHOOK_URL + signedParams(form, "Tag", "alpha", "mike", "zulu")));
        assertThat(verifier.verify(webhook(WEBHOOK_URL, repeated, signature), tenant)).isTrue();
    }

    @Test
    void aRepeatedParameterSignedInArrivalOrderIsRefused() {
        byte[] repeated = formWith("&Tag=zulu&Tag=alpha");
        String arrivalOrder = hmac(AUTH_TOKEN, WEBHOOK_URL + signedParams(form, "Tag", "zulu", "alpha"));
        assertThat(verifier.verify(webhook(WEBHOOK_URL, repeated, arrivalOrder), tenant)).isFalse();
    }

    @Test
    void aValueRepeatedUnderOneNameIsSignedOnce() {
        byte[] repeated = formWith("&Tag=same&Tag=same");
        String once = hmac(AUTH_TOKEN, WEBHOOK_URL + signedParams(form, "Tag", "same"));
        assertThat(verifier.verify(webhook(WEBHOOK_URL, repeated, once), tenant)).isTrue();
    }

    @Test
    void onlyTheFirstOfARepeatedParameterIsNotEnough() {
        byte[] repeated = formWith("&Tag=alpha&Tag=zulu");
        String firstOnly = hmac(AUTH_TOKEN, WEBHOOK_URL + signedParams(form, "Tag", "alpha"));
        assertThat(verifier.verify(webhook(WEBHOOK_URL, repeated, firstOnly), tenant)).isFalse();
    }

    // ---- non-ASCII and percent-encoded URLs --------------------------------------------------------------

    @Test
    void aUrlWithRawUtf8IsSignedUnescapedAndReceivedPercentEncoded() throws Exception {
        String configured = WEBHOOK_URL + "?vestiging=Zo\u00eb&stad=\u2019s-Hertogenbosch";
        String received = URI.create(configured).toASCIIString();
        assertThat(received).contains("Zo%C3%AB").contains("%E2%80%99s-Hertogenbosch");
        String signature = sign(AUTH_TOKEN, configured, form);
        assertThat(verifier.verify(webhook(received, form, signature), tenant)).isTrue();
        assertThat(new RequestValidator(AUTH_TOKEN).validate(configured, TwilioForm.parse(form).firstValues(),
                signature)).as("the SDK accepts the unescaped URL").isTrue();
    }

    @Test
    void aUrlWithRawUtf8SignedWithTheDefaultPortIsAccepted() {
        String received = "https://hub.example.com/webhooks/sms/dealer-042?vestiging=Zo%C3%AB";
        String signature = sign(AUTH_TOKEN, "https://hub.example.com:443/webhooks/sms/dealer-042?vestiging=Zo\u00eb",
                form);
        assertThat(verifier.verify(webhook(received, form, signature), tenant)).isTrue();
    }

    @Test
    void aUrlConfiguredPercentEncodedIsSignedAsReceived() {
        String received = WEBHOOK_URL + "?vestiging=Zo%C3%AB&naam=De%20Vries";
        assertThat(verifier.verify(webhook(received, form, sign(AUTH_TOKEN, received, form)), tenant)).isTrue();
    }

    @Test
    void twilioJavasInternationalUrlVectorVerifiesAsReceived() {
        byte[] params = ("Digits=1234&CallSid=CA1234567890ABCDE&To=%2B18005551212&Caller=%2B14158675309"
                + "&From=%2B14158675309").getBytes(StandardCharsets.UTF_8);
        TenantConnector vectorTenant = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID),
                Map.of("authToken", "12345"));
        String received = "https://mycompany.com/webhook/Espa%C3%B1a?a%C3%B1o=2023";
        assertThat(verifier.verify(webhook(received, params, "G/Hx6mqqnjUNlPAoi2Sp9bGst0g="), vectorTenant)).isTrue();
    }

    @Test
    void asciiEscapesAreNotUndoneForTheSignature() {
        String received = WEBHOOK_URL + "?next=a%26b";
        String overUnescaped = sign(AUTH_TOKEN, WEBHOOK_URL + "?next=a&b", form);
        assertThat(verifier.verify(webhook(received, form, overUnescaped), tenant)).isFalse();
    }

    @Test
    void anEscapeThatIsNoUtf8StaysEscaped() {
        String received = WEBHOOK_URL + "?x=%E9";
        assertThat(verifier.verify(webhook(received, form, sign(AUTH_TOKEN, received, form)), tenant)).isTrue();
        assertThat(verifier.verify(webhook(received, form, sign(AUTH_TOKEN, WEBHOOK_URL + "?x=\u00e9", form)),
                tenant)).isFalse();
    }

    // ---- JSON bodies with bodySHA256 -------------------------------------------------------------------

    @Test
    void aJsonBodyIsSignedOverTheUrlWithItsHash() {
        byte[] json = fixture("inbound/sms-text.json");
        String url = WEBHOOK_URL + "?bodySHA256=" + sha256Hex(json);
        assertThat(verifier.verify(jsonWebhook(url, json, hmac(AUTH_TOKEN, url)), tenant)).isTrue();
        String withPort = url.replace("hub.example.com", "hub.example.com:443");
        assertThat(verifier.verify(jsonWebhook(url, json, hmac(AUTH_TOKEN, withPort)), tenant)).isTrue();
    }

    @Test
    void aJsonBodyThatDoesNotMatchItsHashIsRefused() {
        byte[] json = fixture("inbound/sms-text.json");
        String url = WEBHOOK_URL + "?bodySHA256=" + sha256Hex(json);
        byte[] tampered = new String(json, StandardCharsets.UTF_8).replace("langskomen", "betalen")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(jsonWebhook(url, tampered, hmac(AUTH_TOKEN, url)), tenant)).isFalse();
    }

    @Test
    void aJsonBodyWithoutBodySha256IsRefused() {
        byte[] json = fixture("inbound/sms-text.json");
        assertThat(verifier.verify(jsonWebhook(WEBHOOK_URL, json, hmac(AUTH_TOKEN, WEBHOOK_URL)), tenant)).isFalse();
    }

    @Test
    void aJsonBodyWhoseUrlSignatureIsWrongIsRefused() {
        byte[] json = fixture("inbound/sms-text.json");
        String url = WEBHOOK_URL + "?bodySHA256=" + sha256Hex(json);
        assertThat(verifier.verify(jsonWebhook(url, json, hmac("0000aaaa1111bbbb2222cccc3333dddd", url)), tenant))
                .isFalse();
        String otherHash = WEBHOOK_URL + "?bodySHA256=" + sha256Hex(new byte[0]);
        assertThat(verifier.verify(jsonWebhook(url, json, hmac(AUTH_TOKEN, otherHash)), tenant)).isFalse();
    }

    @Test
    void twilioJavasJsonVectorVerifies() {
        byte[] json = "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2"
                + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        TenantConnector vectorTenant = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID),
                Map.of("authToken", "12345"));
        assertThat(verifier.verify(jsonWebhook(url, json, "a9nBmqA0ju/hNViExpshrM61xv4="), vectorTenant)).isTrue();
    }

    @Test
    void aJsonBodyNamesItsAccount() {
        byte[] json = fixture("inbound/sms-text.json");
        assertThat(verifier.accountId(jsonWebhook(WEBHOOK_URL, json, null))).contains(ACCOUNT_SID);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private byte[] formWith(String extra) {
        return (new String(form, StandardCharsets.UTF_8) + extra).getBytes(StandardCharsets.UTF_8);
    }

    /** The form's parameters as Twilio appends them, with {@code extra} appended under {@code name} as given. */
    private static String signedParams(byte[] form, String name, String... extra) {
        Map<String, List<String>> params = new java.util.TreeMap<>(TwilioForm.parse(form).all());
        params.put(name, List.of(extra));
        StringBuilder s = new StringBuilder();
        params.forEach((n, values) -> values.forEach(v -> s.append(n).append(v)));
        return s.toString();
    }

    private static String hmac(String token, String data) {
        return HmacSignatures.hmacSha1Base64(token, data.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON-bodied request with its query parsed as the hub's webhook controller parses it. */
    private static WebhookRequest jsonWebhook(String url, byte[] body, String signature) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        k -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return new WebhookRequest("POST", url, query, headers, body);
    }
}
