package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import io.channelhub.core.spi.ProviderCall;

/**
 * Sends one message with the tenant's token on the host of its setup: one {@code POST …/messages} per body, all
 * bodies rendered (and so checked) before the first call, classified failures, no retries (the hub's routes own
 * the retry policy).
 */
public final class InstagramOutboundSender implements OutboundSender {

    private final InstagramApiClient api;

    InstagramOutboundSender(InstagramApiClient api) {
        this.api = api;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        InstagramSettings settings = InstagramSettings.of(connector, api.config().apiVersion());
        String accountId = settings.requireAccountId(connector);
        if (message.content() instanceof ReactionContent reaction) {
            // a sender action is answered with the recipient only: there is no message of its own to track
            return SendResult.of(WebhookText.of(
                    api.send(settings, accountId, InstagramMessageRenderer.reaction(message, reaction)), "message_id"));
        }
        List<ObjectNode> bodies = InstagramMessageRenderer.render(message);
        String first = null;
        for (ObjectNode body : bodies) {
            // {"recipient_id":"<IGSID>","message_id":"aWdf…"}
            String mid = WebhookText.of(api.send(settings, accountId, body), "message_id");
            if (mid == null) {
                throw TransientChannelException.unavailable(
                        "Instagram accepted the request but returned no message id", null);
            }
            first = first == null ? mid : first;
        }
        return SendResult.of(first);
    }

    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        String call = InstagramSettings.of(connector, api.config().apiVersion()).setup()
                == InstagramSetup.INSTAGRAM_LOGIN ? "POST /{version}/{ig-id}/messages" : "POST /{version}/me/messages";
        List<ObjectNode> bodies = message.content() instanceof ReactionContent reaction
                ? List.of(InstagramMessageRenderer.reaction(message, reaction))
                : InstagramMessageRenderer.render(message);
        return bodies.stream().map(b -> new ProviderCall(call, b)).toList();
    }
}
