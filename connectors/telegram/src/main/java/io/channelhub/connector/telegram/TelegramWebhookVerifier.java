package io.channelhub.connector.telegram;

import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code X-Telegram-Bot-Api-Secret-Token}, the {@code secret_token} the hub gave {@code setWebhook}
 * (https://core.telegram.org/bots/api#setwebhook). Telegram signs nothing: the header authenticates the
 * sender, not the body, whose integrity rests on TLS. There is no handshake; webhooks are per tenant only, so
 * there is no account id to route by either.
 */
final class TelegramWebhookVerifier implements WebhookVerifier {
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramWebhookVerifier.class);

    @Override
    public boolean verify(WebhookRequest request, TenantConnector connector) {
        Optional<String> expected = connector.secrets().get(TelegramSettings.WEBHOOK_SECRET);
        if (expected.isEmpty()) {
            LOG.warn("telegram webhook for tenant {} refused: no webhookSecret configured to check it",
                    connector.tenantId());
            return false;
        }
        Optional<String> given = request.header(SECRET_HEADER);
        if (given.isEmpty()) {
            return false;
        }
        // isEqual's time depends only on the first argument's length, the configured secret's, never on
        // where the given value first differs
        return MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                given.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Telegram never calls with a handshake; a GET is an unauthenticated request like any other. */
    @Override
    public boolean isHandshake(WebhookRequest request) {
        return false;
    }

    @Override
    public Set<String> payloadTypes() {
        return Set.of("application/json");
    }
}
