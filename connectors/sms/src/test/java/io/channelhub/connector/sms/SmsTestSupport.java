package io.channelhub.connector.sms;

import io.channelhub.connector.sms.model.TwilioForm;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixtures, tenants, a fake environment and a webhook signer shared by the SMS tests. */
final class SmsTestSupport {
    static final String TENANT = "dealer-042";
    static final String ACCOUNT_SID = "AC3f1c0ffee0123456789abcdef0123456";
    static final String AUTH_TOKEN = "9c1f2e3d4b5a69788796a5b4c3d2e1f0";
    static final String API_KEY_SID = "SK0123456789abcdef0123456789abcdef";
    static final String API_KEY_SECRET = "s3cr3tKeyValueThatMustNeverLeak42";
    static final String FROM_NUMBER = "+3197010251234";
    static final String MESSAGING_SERVICE_SID = "MG0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String WEBHOOK_URL = "https://hub.example.com/webhooks/sms/" + TENANT;
    static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");

    private SmsTestSupport() {
    }

    static ChannelConnector connector(String baseUrl, String timeout) {
        Map<String, String> props = new HashMap<>();
        if (baseUrl != null) {
            props.put("base-url", baseUrl);
        }
        if (timeout != null) {
            props.put("timeout", timeout);
        }
        return new SmsConnectorFactory().create(new TestEnvironment(props));
    }

    static TenantConnector tenant(Map<String, String> settings, Map<String, String> secrets) {
        return new TenantConnector(TENANT, "sms", settings, Secrets.of(secrets));
    }

    /** accountSid + fromNumber + authToken: the common configuration. */
    static TenantConnector authTokenTenant() {
        return tenant(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM_NUMBER), Map.of("authToken", AUTH_TOKEN));
    }

    static TenantConnector apiKeyTenant() {
        return tenant(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM_NUMBER),
                Map.of("apiKeySid", API_KEY_SID, "apiKeySecret", API_KEY_SECRET));
    }

    static byte[] fixture(String path) {
        try (InputStream in = SmsTestSupport.class.getResourceAsStream("/fixtures/sms/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String path) {
        return new String(fixture(path), StandardCharsets.UTF_8);
    }

    static InboundPayload payload(String inboundFixture) {
        return payload(fixture("inbound/" + inboundFixture), Map.of());
    }

    static InboundPayload payload(byte[] body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
        return new InboundPayload(TENANT, "sms", body, all, NOW);
    }

    /**
     * Twilio's documented algorithm, computed independently of the connector: Base64(HMAC-SHA1(token, URL +
     * each parameter name and value, sorted by name; a repeated name once per distinct value, values
     * sorted — as twilio-python and twilio-node build it)).
     */
    static String sign(String token, String url, byte[] formBody) {
        Map<String, List<String>> params = TwilioForm.parse(formBody).all();
        List<String> names = new ArrayList<>(params.keySet());
        names.sort(null);
        StringBuilder data = new StringBuilder(url);
        for (String name : names) {
            params.get(name).stream().distinct().sorted().forEach(value -> data.append(name).append(value));
        }
        return HmacSignatures.hmacSha1Base64(token, data.toString().getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest webhook(String url, byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return new WebhookRequest("POST", url, Map.of(), headers, body);
    }

    record TestEnvironment(Map<String, String> properties) implements ConnectorEnvironment {
        @Override
        public Optional<String> property(String name) {
            return Optional.ofNullable(properties.get(name));
        }

        @Override
        public Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
