package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.telegram.model.BotApiRequest;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import io.channelhub.core.spi.ProviderCall;

/**
 * Sends one outbound message as the Bot API calls {@link TelegramMessageRenderer} makes of it, in order, with
 * the tenant's bot token; failures are classified, never retried here. The result carries the first message's
 * id ({@code <chat>:<message_id>}), as Messenger's does for an attachment with a caption: replies and
 * reactions to the message name its start.
 *
 * <p>A message of several calls is not atomic: when a later call fails transiently, the hub's retry sends the
 * earlier parts again. Telegram offers no idempotency key to prevent that.
 */
public final class TelegramOutboundSender implements OutboundSender {

    private final TelegramApiClient api;

    TelegramOutboundSender(TelegramApiClient api) {
        this.api = api;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        List<BotApiRequest> calls = TelegramMessageRenderer.render(message);
        if (message.content() instanceof ReactionContent reaction) {
            // setMessageReaction answers true: the reaction has no message of its own, so it is named by the
            // message it is on
            api.call(calls.get(0).method(), calls.get(0).body(), connector);
            return SendResult.of(TelegramIds.message(TelegramMessageRenderer.chatId(message),
                    TelegramIds.messageIdOf(reaction.messageId()).orElseThrow()) + "#reaction");
        }
        String first = null;
        for (BotApiRequest call : calls) {
            JsonNode sent = api.call(call.method(), call.body(), connector);
            // each send answers the Message it created: {"message_id":…,"chat":{"id":…},…}
            String id = BotJson.integer(sent, "message_id").map(m -> TelegramIds.message(
                    BotJson.integer(sent.path("chat"), "id").orElse(TelegramMessageRenderer.chatId(message)), m))
                    .orElseThrow(() -> TransientChannelException.unavailable("Telegram " + call.method()
                            + " answered ok without a message_id", null));
            first = first == null ? id : first;
        }
        return SendResult.of(first);
    }

    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        return TelegramMessageRenderer.render(message).stream()
                .map(c -> new ProviderCall("POST /bot{token}/" + c.method(), c.body())).toList();
    }
}
