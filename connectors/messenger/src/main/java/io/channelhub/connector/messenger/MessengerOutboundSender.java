package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import java.util.Optional;
import io.channelhub.core.spi.ProviderCall;
import java.util.List;

/**
 * Sends one message through the Send API with the tenant's Page token: one {@code POST …/messages} per body,
 * classified failures, no retries (the hub's routes own the retry policy). A file the Page sent before goes by
 * its reusable attachment id.
 */
public final class MessengerOutboundSender implements OutboundSender {

    private final MessengerApiClient api;
    private final MessengerAttachmentIds attachmentIds = new MessengerAttachmentIds();

    MessengerOutboundSender(MessengerApiClient api) {
        this.api = api;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        MessengerSettings settings = MessengerSettings.of(connector, api.config().apiVersion());
        String pageId = settings.requirePageId(connector);
        if (message.content() instanceof ReactionContent reaction) {
            // a sender action is answered with the recipient only: there is no message of its own to track
            JsonNode answer = api.send(settings, pageId, MessengerMessageRenderer.reaction(message, reaction));
            return SendResult.of(WebhookText.of(answer, "message_id"));
        }
        String first = null;
        for (ObjectNode body : MessengerMessageRenderer.render(message)) {
            Optional<String> reusedUrl = attachmentIds.reuse(pageId, body);
            JsonNode answer;
            try {
                answer = api.send(settings, pageId, body);
            } catch (ChannelException e) {
                reusedUrl.ifPresent(url -> attachmentIds.forget(pageId, url)); // a retry goes by URL
                throw e;
            }
            // {"recipient_id":"<PSID>","message_id":"m_…"[,"attachment_id":"…" for a file sent by URL]}
            attachmentIds.remember(pageId, body, answer);
            String mid = WebhookText.of(answer, "message_id");
            if (mid == null) {
                throw TransientChannelException.unavailable(
                        "Messenger accepted the request but returned no message id", null);
            }
            first = first == null ? mid : first;
        }
        return SendResult.of(first);
    }

    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        List<ObjectNode> bodies = message.content() instanceof ReactionContent reaction
                ? List.of(MessengerMessageRenderer.reaction(message, reaction))
                : MessengerMessageRenderer.render(message);
        return bodies.stream().map(b -> new ProviderCall("POST /{version}/{page-id}/messages", b)).toList();
    }
}
