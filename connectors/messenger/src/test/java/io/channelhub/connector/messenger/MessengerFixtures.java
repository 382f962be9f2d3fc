package io.channelhub.connector.messenger;

import io.channelhub.connector.meta.MetaTestFixtures;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.SentBy;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Test data shared by the Messenger tests: fixtures, a configured tenant, a fake environment. */
final class MessengerFixtures {

    static final String TENANT = "dealer-017";
    /** The Page and the person of the fixtures. */
    static final String PAGE_ID = "104958162837465";
    static final String OTHER_PAGE_ID = "104958162830001";
    static final String PSID = "7423016589321467";
    static final String PAGE_TOKEN = "EAAGpageAccessTokenValue0123456789";
    static final String APP_SECRET = "8e2f4a6c1b3d5f7092a4c6e8b0d2f4a6";
    static final String VERIFY_TOKEN = "verify-page-4b2d";
    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T10:16:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T10:20:00Z");
    /** The {@code timestamp} of the fixtures' events. */
    static final Instant EVENT_TIME = Instant.ofEpochMilli(1795169731000L);
    static final String HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";

    private MessengerFixtures() {
    }

    static byte[] bytes(String path) {
        return MetaTestFixtures.bytes("messenger", path);
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static InboundPayload inbound(String name) {
        return payload(bytes("inbound/" + name));
    }

    static InboundPayload payload(byte[] body) {
        return new InboundPayload(TENANT, "messenger", body, Map.of("Content-Type", "application/json"), RECEIVED_AT);
    }

    static TenantConnector tenant() {
        return tenant(Map.of(), Map.of());
    }

    /** The fully configured tenant, with settings and secrets overridden (a null value removes the key). */
    static TenantConnector tenant(Map<String, String> settingOverrides, Map<String, String> secretOverrides) {
        return MetaTestFixtures.tenant(TENANT, "messenger", Map.of("pageId", PAGE_ID),
                Map.of("pageAccessToken", PAGE_TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN),
                settingOverrides, secretOverrides);
    }

    static WebhookRequest signedPost(byte[] body) {
        return new WebhookRequest("POST", "https://hub.example.com/webhooks/messenger/" + TENANT, Map.of(),
                Map.of("Content-Type", "application/json",
                        "X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(APP_SECRET, body)), body);
    }

    /** An outbound message to the fixtures' person, as the hub hands it to the sender. */
    static OutboundMessage outbound(Content content, String tag) {
        return new OutboundMessage(HUB_ID, TENANT, "messenger", null, new Party(PSID, null), "c-1", content,
                Category.CONVERSATIONAL, null, null, null, null, Map.of(), SentBy.BOT, tag, null);
    }

    /** A hub configuration with the given {@code hub.channels.messenger.*} properties and a fixed clock. */
    static ConnectorEnvironment environment(Map<String, String> properties) {
        return MetaTestFixtures.environment(properties, NOW);
    }
}
