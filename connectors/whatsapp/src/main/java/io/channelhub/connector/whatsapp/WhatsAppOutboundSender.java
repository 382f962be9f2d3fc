package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.ProviderCall;
import java.util.List;

/**
 * Sends one message through the Cloud API with the tenant's own token: one {@code POST …/messages} per
 * call, classified failures, no retries (the hub's routes own the retry policy).
 */
public final class WhatsAppOutboundSender implements OutboundSender {

    private final WhatsAppApiClient api;

    WhatsAppOutboundSender(WhatsAppApiClient api) {
        this.api = api;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        WhatsAppSettings settings = WhatsAppSettings.of(connector, api.config().apiVersion());
        String phoneNumberId = settings.requirePhoneNumberId(connector);
        JsonNode answer = api.sendMessage(settings, phoneNumberId, WhatsAppMessageRenderer.render(message));
        // {"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"wamid…","message_status"?}]}
        String providerId = WebhookText.of(answer.path("messages").path(0), "id");
        if (providerId == null) {
            throw TransientChannelException.unavailable("WhatsApp accepted the request but returned no message id",
                    null);
        }
        return SendResult.of(providerId);
    }

    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        return List.of(new ProviderCall("POST /{version}/{phone-number-id}/messages",
                WhatsAppMessageRenderer.render(message)));
    }
}
