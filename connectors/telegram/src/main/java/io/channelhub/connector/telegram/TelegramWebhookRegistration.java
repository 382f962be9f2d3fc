package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRegistration;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Points the tenant's bot at the hub with {@code setWebhook} (the URL, the webhookSecret as
 * {@code secret_token}, the update kinds the normalizer maps) and reads {@code getWebhookInfo} back, whose
 * {@code last_error_message} tells ops why Telegram's last delivery failed; {@code deleteWebhook} undoes it.
 * Pending updates are kept across both, so nothing a person wrote meanwhile is lost.
 * https://core.telegram.org/bots/api#setwebhook
 */
final class TelegramWebhookRegistration implements WebhookRegistration {
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query",
            "my_chat_member");

    private final TelegramApiClient api;

    TelegramWebhookRegistration(TelegramApiClient api) {
        this.api = api;
    }

    @Override
    public CredentialCheck register(URI url, TenantConnector connector) {
        if (connector.secrets().get(TelegramSettings.WEBHOOK_SECRET).isEmpty()) {
            return CredentialCheck.rejected("no webhookSecret configured: the hub would refuse every delivery");
        }
        return TelegramBotCalls.run(connector, tc -> {
            ObjectNode body = HubJson.mapper().createObjectNode().put("url", url.toString())
                    .put("secret_token", tc.secrets().require(TelegramSettings.WEBHOOK_SECRET))
                    .put("drop_pending_updates", false);
            ALLOWED_UPDATES.forEach(body.putArray("allowed_updates")::add);
            api.call("setWebhook", body, tc);
            JsonNode info = api.call("getWebhookInfo", HubJson.mapper().createObjectNode(), tc);
            return "webhook set to " + url + lastError(info);
        });
    }

    @Override
    public CredentialCheck unregister(TenantConnector connector) {
        return TelegramBotCalls.run(connector, tc -> {
            api.call("deleteWebhook", HubJson.mapper().createObjectNode().put("drop_pending_updates", false), tc);
            return "webhook removed";
        });
    }

    private static String lastError(JsonNode info) {
        StringBuilder detail = new StringBuilder();
        BotJson.integer(info, "pending_update_count").filter(n -> n > 0)
                .ifPresent(n -> detail.append("; ").append(n).append(" updates waiting"));
        BotJson.text(info, "last_error_message").ifPresent(message -> {
            detail.append("; Telegram's last delivery failed");
            Instant at = BotJson.time(info, "last_error_date", null);
            if (at != null) {
                detail.append(" at ").append(at);
            }
            detail.append(": ").append(message);
        });
        return detail.toString();
    }
}
