package io.channelhub.connector.instagram;

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
import java.util.HashMap;
import java.util.Map;

/** Test data shared by the Instagram tests: fixtures, a configured tenant, a fake environment. */
final class InstagramFixtures {

    static final String TENANT = "dealer-023";
    /** The Instagram account and the person of the fixtures. */
    static final String ACCOUNT_ID = "17841405822304914";
    static final String OTHER_ACCOUNT_ID = "17841400000000001";
    static final String IGSID = "1283746501928374";
    static final String TOKEN = "IGAAuserAccessTokenValue0123456789";
    static final String APP_SECRET = "3c5e7a9b1d2f4068a2c4e6f8091b3d5f";
    static final String VERIFY_TOKEN = "verify-ig-8c1e";
    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T10:16:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T10:20:00Z");
    /** The {@code timestamp} of the fixtures' events. */
    static final Instant EVENT_TIME = Instant.ofEpochMilli(1795169731000L);
    static final String HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";
    static final String CDN_URL = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1839201746352810&signature=AbzQ3x";

    private InstagramFixtures() {
    }

    static byte[] bytes(String path) {
        return MetaTestFixtures.bytes("instagram", path);
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static InboundPayload inbound(String name) {
        return payload(bytes("inbound/" + name));
    }

    static InboundPayload payload(byte[] body) {
        return new InboundPayload(TENANT, "instagram", body, Map.of("Content-Type", "application/json"), RECEIVED_AT);
    }

    static TenantConnector tenant() {
        return tenant(Map.of(), Map.of());
    }

    /** The tenant on Instagram Login, with settings and secrets overridden (a null value removes the key). */
    static TenantConnector tenant(Map<String, String> settingOverrides, Map<String, String> secretOverrides) {
        return MetaTestFixtures.tenant(TENANT, "instagram",
                Map.of("instagramAccountId", ACCOUNT_ID, "instagramSetup", "instagramLogin"),
                Map.of("pageAccessToken", TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN),
                settingOverrides, secretOverrides);
    }

    static WebhookRequest signedPost(byte[] body) {
        return new WebhookRequest("POST", "https://hub.example.com/webhooks/instagram/" + TENANT, Map.of(),
                Map.of("Content-Type", "application/json",
                        "X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(APP_SECRET, body)), body);
    }

    /** An outbound message to the fixtures' person, as the hub hands it to the sender. */
    static OutboundMessage outbound(Content content, String tag) {
        return new OutboundMessage(HUB_ID, TENANT, "instagram", null, new Party(IGSID, null), "c-1", content,
                Category.CONVERSATIONAL, null, null, null, null, Map.of(), SentBy.BOT, tag, null);
    }

    /**
     * A hub configuration whose two Graph hosts are {@code graphBaseUrl} (both setups then reach the same stub,
     * told apart by path) and a fixed clock.
     */
    static ConnectorEnvironment environment(String graphBaseUrl, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.put("base-url", graphBaseUrl);
        properties.put("instagram-base-url", graphBaseUrl + "/ig");
        return MetaTestFixtures.environment(properties, NOW);
    }
}
