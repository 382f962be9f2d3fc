package io.channelhub.connector.telegram;

import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.Party;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.OutboundMessage;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Test data shared by the Telegram tests: fixtures, a configured tenant, a fake environment. */
final class TelegramFixtures {
    static final String TENANT = "dealer-017";
    /** The person's private chat with the bot (its id is the person's user id). */
    static final String CHAT_ID = "7301425896";
    static final String BOT_TOKEN = "6123456789:AAHk3-vQ9xY_2bZcDeFgHiJkLmNoPqRsTuV";
    static final String WEBHOOK_SECRET = "hub-2f7c9a41_d3e8-4b6a";
    static final String BOT_USERNAME = "devries_auto_bot";
    static final String HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";
    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T10:16:00Z");

    private TelegramFixtures() {
    }

    static byte[] bytes(String path) {
        String resource = "/fixtures/telegram/" + path;
        try (InputStream in = TelegramFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static InboundPayload inbound(String name) {
        return payload(bytes("inbound/" + name));
    }

    static InboundPayload payload(byte[] body) {
        return new InboundPayload(TENANT, "telegram", body, Map.of("Content-Type", "application/json"), RECEIVED_AT);
    }

    static TenantConnector tenant() {
        return tenant(Map.of(), Map.of());
    }

    /** The configured tenant with settings and secrets overridden (a null value removes the key). */
    static TenantConnector tenant(Map<String, String> settingOverrides, Map<String, String> secretOverrides) {
        return new TenantConnector(TENANT, "telegram",
                overridden(Map.of("botUsername", BOT_USERNAME), settingOverrides),
                Secrets.of(overridden(Map.of("botToken", BOT_TOKEN, "webhookSecret", WEBHOOK_SECRET), secretOverrides)));
    }

    private static Map<String, String> overridden(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> result = new HashMap<>(base);
        overrides.forEach((k, v) -> {
            if (v == null) {
                result.remove(k);
            } else {
                result.put(k, v);
            }
        });
        return result;
    }

    static WebhookRequest post(byte[] body, Map<String, String> headers) {
        return new WebhookRequest("POST", "https://hub.example.com/webhooks/telegram/" + TENANT, Map.of(), headers, body);
    }

    static WebhookRequest signedPost(byte[] body) {
        return post(body, Map.of("Content-Type", "application/json",
                TelegramWebhookVerifier.SECRET_HEADER, WEBHOOK_SECRET));
    }

    static OutboundMessage outbound(Content content) {
        return outbound(content, null);
    }

    static OutboundMessage outbound(Content content, String replyTo) {
        return new OutboundMessage(HUB_ID, TENANT, "telegram", null, new Party(CHAT_ID, null), "c-1", content,
                Category.CONVERSATIONAL, replyTo, null, null, null, Map.of());
    }

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

    static TelegramConnector connector(String baseUrl) {
        return (TelegramConnector) new TelegramConnectorFactory().create(environment(Map.of("base-url", baseUrl)));
    }
}
