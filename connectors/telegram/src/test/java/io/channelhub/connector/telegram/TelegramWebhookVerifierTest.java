package io.channelhub.connector.telegram;

import static io.channelhub.connector.telegram.TelegramFixtures.WEBHOOK_SECRET;
import static io.channelhub.connector.telegram.TelegramWebhookVerifier.SECRET_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secret-token check, one test per way a delivery can fail it. */
class TelegramWebhookVerifierTest {
    private final WebhookVerifier verifier = TelegramFixtures.connector("http://127.0.0.1:9").webhooks().orElseThrow();
    private final byte[] body = TelegramFixtures.bytes("inbound/text.json");

    private boolean verify(Map<String, String> headers, TenantConnector tenant) {
        return verifier.verify(TelegramFixtures.post(body, headers), tenant);
    }

    private static Map<String, String> withToken(String token) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        headers.put(SECRET_HEADER, token);
        return headers;
    }

    @Test
    void theConfiguredSecretIsAccepted() {
        assertThat(verify(withToken(WEBHOOK_SECRET), TelegramFixtures.tenant())).isTrue();
    }

    @Test
    void theHeaderNameIsCaseInsensitive() {
        assertThat(verify(Map.of("x-telegram-bot-api-secret-token", WEBHOOK_SECRET), TelegramFixtures.tenant()))
                .isTrue();
    }

    @Test
    void aMissingHeaderIsRefused() {
        assertThat(verify(Map.of("Content-Type", "application/json"), TelegramFixtures.tenant())).isFalse();
    }

    @Test
    void anEmptyHeaderIsRefused() {
        assertThat(verify(withToken(""), TelegramFixtures.tenant())).isFalse();
    }

    @Test
    void aWrongSecretOfTheSameLengthIsRefused() {
        String wrong = WEBHOOK_SECRET.substring(0, WEBHOOK_SECRET.length() - 1) + "X";
        assertThat(wrong).hasSameSizeAs(WEBHOOK_SECRET).isNotEqualTo(WEBHOOK_SECRET);
        assertThat(verify(withToken(wrong), TelegramFixtures.tenant())).isFalse();
    }

    @Test
    void aPrefixOrAnExtensionOfTheSecretIsRefused() {
        assertThat(verify(withToken(WEBHOOK_SECRET.substring(0, 5)), TelegramFixtures.tenant())).isFalse();
        assertThat(verify(withToken(WEBHOOK_SECRET + "a"), TelegramFixtures.tenant())).isFalse();
        assertThat(verify(withToken(" " + WEBHOOK_SECRET), TelegramFixtures.tenant())).isFalse();
    }

    @Test
    void anotherTenantsSecretIsRefused() {
        TenantConnector other = TelegramFixtures.tenant(Map.of(), Map.of("webhookSecret", "another-tenants-secret"));
        assertThat(verify(withToken(WEBHOOK_SECRET), other)).isFalse();
    }

    @Test
    void withoutAConfiguredSecretEverythingIsRefused() {
        TenantConnector unconfigured = TelegramFixtures.tenant(Map.of(), java.util.Collections.singletonMap(
                "webhookSecret", null));
        assertThat(verify(withToken(WEBHOOK_SECRET), unconfigured)).isFalse();
        assertThat(verify(withToken(""), unconfigured)).isFalse();
    }

    @Test
    void theBotTokenIsNoWebhookSecret() {
        assertThat(verify(withToken(TelegramFixtures.BOT_TOKEN), TelegramFixtures.tenant())).isFalse();
    }

    /** Telegram signs no body: with the right secret a changed body is as genuine as any. */
    @Test
    void theBodyIsNotWhatIsAuthenticated() {
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 0x01;
        assertThat(verifier.verify(TelegramFixtures.post(changed, withToken(WEBHOOK_SECRET)), TelegramFixtures.tenant()))
                .isTrue();
    }

    @Test
    void noRequestIsAHandshake() {
        WebhookRequest get = new WebhookRequest("GET", "https://hub.example.com/webhooks/telegram/dealer-017",
                Map.of(), Map.of(), new byte[0]);
        assertThat(verifier.isHandshake(get)).isFalse();
        assertThat(verifier.handshake(get, TelegramFixtures.tenant())).isEmpty();
        assertThat(verifier.verify(get, TelegramFixtures.tenant())).isFalse();
    }
}
