package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tap on an inline keyboard button (https://core.telegram.org/bots/api#callbackquery): a
 * {@code choice_response} whose id is the button's {@code callback_data} (the choice id the sender put there)
 * and whose title is the button's text, looked up in the keyboard Telegram sends back with the query.
 * The provider id is {@code callback:<query id>}: Telegram's query ids are unique and repeat on redelivery.
 * Telegram shows a spinner on the button until the bot answers the query: the hub does that with
 * {@link TelegramConnector#inboundAcknowledgement}, given {@code metadata.callbackQueryId}.
 */
final class TelegramCallbackMapper {
    static final String CALLBACK_QUERY_ID = "callbackQueryId";

    private TelegramCallbackMapper() {
    }

    static Optional<InboundMessage> map(JsonNode query, long updateId, Instant receivedAt) {
        String queryId = BotJson.text(query, "id").orElseThrow(() -> new MalformedPayloadException(
                "telegram callback_query of update " + updateId + " without an id"));
        JsonNode message = query.get("message");
        JsonNode from = query.get("from");
        long chatId;
        String replyTo = null;
        if (message != null && message.isObject() && message.has("chat")) {
            if (!TelegramChats.isPrivate(message.get("chat"))) {
                return Optional.empty();
            }
            chatId = BotJson.requireInteger(message.get("chat"), "id", "callback_query message chat");
            replyTo = BotJson.integer(message, "message_id").map(id -> TelegramIds.message(chatId, id)).orElse(null);
        } else {
            // a button under an inline-mode message: no chat, but a private chat's id is the person's user id
            chatId = BotJson.requireInteger(from, "id", "callback_query sender");
        }
        Optional<String> data = BotJson.text(query, "data");
        Content content = data.<Content>map(d -> new ChoiceResponseContent(d, buttonTitle(message, d)))
                .orElseGet(() -> new UnsupportedContent("callback_query", query));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(CALLBACK_QUERY_ID, queryId);
        BotJson.text(from, "username").ifPresent(u -> metadata.put("username", u));
        Party contact = new Party(Long.toString(chatId), BotJson.personName(from));
        return Optional.of(new InboundMessage(contact, null, contact.address(), "callback:" + queryId, receivedAt,
                content, replyTo, List.of(), null, List.of(), metadata));
    }

    private static String buttonTitle(JsonNode message, String data) {
        JsonNode rows = message == null ? null : message.path("reply_markup").get("inline_keyboard");
        if (rows == null || !rows.isArray()) {
            return null;
        }
        for (JsonNode row : rows) {
            for (JsonNode button : row.isArray() ? row : List.<JsonNode>of()) {
                if (data.equals(BotJson.text(button, "callback_data").orElse(null))) {
                    return BotJson.text(button, "text").orElse(null);
                }
            }
        }
        return null;
    }
}
