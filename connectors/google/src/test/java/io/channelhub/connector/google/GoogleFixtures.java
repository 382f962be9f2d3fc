package io.channelhub.connector.google;

import io.channelhub.core.model.HubJson;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Test data shared by the RBM tests: fixtures, push envelopes signed as Google signs them, a tenant whose
 * service-account key holds an RSA key generated here, and a fake hub environment.
 */
final class GoogleFixtures {

    static final String TENANT = "dealer-042";
    static final String AGENT_ID = "dealer-042-agent";
    static final String SERVICE_ACCOUNT_EMAIL = "rbm-dealer-042@rbm-dealer-042.iam.gserviceaccount.com";
    static final String CLIENT_TOKEN = "SJENCPGJESMGUFPY-dealer042";
    static final String HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";
    static final String USER = "+31612345678";
    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T10:30:00Z");
    /** Where a key points its token requests when a test has no token endpoint: nothing listens there. */
    static final String NOWHERE = "http://127.0.0.1:9/token";
    static final KeyPair RSA = rsaKeyPair();

    private GoogleFixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Objects.requireNonNull(GoogleFixtures.class.getResourceAsStream(
                "/fixtures/google/" + path), () -> "no fixture " + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** The push envelope Google posts, around the given {@code message.data} bytes. */
    static byte[] envelope(byte[] data) {
        var root = HubJson.mapper().createObjectNode();
        var message = root.putObject("message");
        message.put("data", Base64.getEncoder().encodeToString(data));
        message.put("messageId", "9876543210123456");
        message.put("publishTime", "2026-11-20T10:15:30.456Z");
        root.put("subscription", "projects/rbm-dealer-042-agent/subscriptions/rbm-agent-subscription");
        try {
            return HubJson.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope of an inbound data fixture, as the hub queues it. */
    static InboundPayload inbound(String name) {
        return payload(envelope(bytes("inbound/" + name)));
    }

    static InboundPayload payload(byte[] body) {
        return new InboundPayload(TENANT, "google", body, Map.of("Content-Type", "application/json"), RECEIVED_AT);
    }

    /** {@code X-Goog-Signature} as Google computes it: over the decoded data, keyed with the client token. */
    static String signature(byte[] data, String clientToken) {
        return HmacSignatures.hmacSha512Base64(clientToken, data);
    }

    static WebhookRequest signedPush(byte[] data, String clientToken) {
        return post(envelope(data), signature(data, clientToken));
    }

    static WebhookRequest post(byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (signature != null) {
            headers.put(GoogleWebhookVerifier.SIGNATURE_HEADER, signature);
        }
        return new WebhookRequest("POST", "https://hub.example.com/webhooks/google/" + TENANT, Map.of(), headers,
                body);
    }

    static TenantConnector tenant() {
        return tenant(NOWHERE, Map.of(), Map.of());
    }

    static TenantConnector tenant(String tokenUri) {
        return tenant(tokenUri, Map.of(), Map.of());
    }

    /** The fully configured tenant, with settings and secrets overridden (a null value removes the key). */
    static TenantConnector tenant(String tokenUri, Map<String, String> settingOverrides,
                                  Map<String, String> secretOverrides) {
        Map<String, String> settings = overridden(Map.of(GoogleSettings.AGENT_ID, AGENT_ID,
                GoogleSettings.SERVICE_ACCOUNT_EMAIL, SERVICE_ACCOUNT_EMAIL), settingOverrides);
        Map<String, String> secrets = overridden(Map.of(
                GoogleSettings.SERVICE_ACCOUNT_KEY, serviceAccountKey(SERVICE_ACCOUNT_EMAIL, tokenUri),
                GoogleSettings.CLIENT_TOKEN, CLIENT_TOKEN), secretOverrides);
        return new TenantConnector(TENANT, "google", settings, Secrets.of(secrets));
    }

    /** A service-account JSON key as Google issues it, holding {@link #RSA}'s private key as PKCS#8 PEM. */
    static String serviceAccountKey(String clientEmail, String tokenUri) {
        var key = HubJson.mapper().createObjectNode();
        key.put("type", "service_account");
        key.put("project_id", "rbm-dealer-042");
        key.put("private_key_id", "3f1c0d2e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d");
        key.put("private_key", pem(RSA));
        key.put("client_email", clientEmail);
        key.put("client_id", "109876543210987654321");
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", tokenUri);
        return key.toString();
    }

    static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with {@code overrides} put in, where a null value removes the key. */
    private static Map<String, String> overridden(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(overrides);
        merged.values().removeIf(Objects::isNull);
        return merged;
    }

    /** A hub configuration with the given {@code hub.channels.google.*} properties. */
    static ConnectorEnvironment environment(Map<String, String> properties) {
        return new ConnectorEnvironment() {
            @Override
            public Optional<String> property(String name) {
                return Optional.ofNullable(properties.get(name));
            }

            @Override
            public Clock clock() {
                return Clock.fixed(RECEIVED_AT, ZoneOffset.UTC);
            }
        };
    }
}
