package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.MetaTestFixtures;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test data shared by the WhatsApp tests: fixtures, a configured tenant, a fake environment. */
final class WhatsAppFixtures {

    static final String TENANT = "dealer-042";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ACCESS_TOKEN = "EAAGtestTokenValue0123456789";
    static final String APP_SECRET = "5f1d2c3b4a5968778695a4b3c2d1e0f9";
    static final String VERIFY_TOKEN = "verify-me-7c1e";
    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T10:16:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T10:20:00Z");

    private WhatsAppFixtures() {
    }

    static byte[] bytes(String path) {
        return MetaTestFixtures.bytes("whatsapp", path);
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static InboundPayload inbound(String name) {
        return payload(bytes("inbound/" + name));
    }

    static InboundPayload payload(byte[] body) {
        return new InboundPayload(TENANT, "whatsapp", body, Map.of("Content-Type", "application/json"), RECEIVED_AT);
    }

    static TenantConnector tenant() {
        return tenant(Map.of(), Map.of());
    }

    /** The fully configured tenant, with settings and secrets overridden (a null value removes the key). */
    static TenantConnector tenant(Map<String, String> settingOverrides, Map<String, String> secretOverrides) {
        return MetaTestFixtures.tenant(TENANT, "whatsapp",
                Map.of("phoneNumberId", PHONE_NUMBER_ID, "wabaId", "102290129340398"),
                Map.of("accessToken", ACCESS_TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN),
                settingOverrides, secretOverrides);
    }

    static WebhookRequest signedPost(byte[] body, String secret) {
        return post(body, "sha256=" + HmacSignatures.hmacSha256Hex(secret, body));
    }

    static WebhookRequest post(byte[] body, String signatureHeader) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (signatureHeader != null) {
            headers.put("X-Hub-Signature-256", signatureHeader);
        }
        return new WebhookRequest("POST", "https://hub.example.com/webhooks/whatsapp/" + TENANT, Map.of(), headers,
                body);
    }

    static WebhookRequest get(Map<String, String> query) {
        Map<String, List<String>> params = new HashMap<>();
        query.forEach((k, v) -> params.put(k, List.of(v)));
        return new WebhookRequest("GET", "https://hub.example.com/webhooks/whatsapp/" + TENANT, params, Map.of(), null);
    }

    /** A hub configuration with the given {@code hub.channels.whatsapp.*} properties and a fixed clock. */
    static ConnectorEnvironment environment(Map<String, String> properties) {
        return MetaTestFixtures.environment(properties, NOW);
    }
}
