package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.Party;
import io.channelhub.core.spi.InboundMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's {@code message} or {@code edited_message} in a private chat with the bot. The contact is the chat
 * (its id is the person's user id in a private chat); the provider id is {@code <chat>:<message_id>}, and an
 * edit's {@code <chat>:<message_id>#edit-<edit_date>}, so a redelivered update repeats its id while an edit is
 * never taken for a repeat of the message it changes (as Messenger's edits, see the README).
 */
final class TelegramMessageMapper {

    private TelegramMessageMapper() {
    }

    /** The message, or empty when it is not a private chat's (groups, channels: not the hub's contacts). */
    static Optional<InboundMessage> map(JsonNode message, boolean edited, long updateId, Instant fallbackTime) {
        if (message == null || !message.isObject()) {
            throw new MalformedPayloadException("telegram update " + updateId + " has no Message object");
        }
        JsonNode chat = message.get("chat");
        long chatId = BotJson.requireInteger(chat, "id", "message chat");
        long messageId = BotJson.requireInteger(message, "message_id", "message");
        if (!TelegramChats.isPrivate(chat)) {
            return Optional.empty();
        }
        TelegramContentMapper.Mapped mapped = TelegramContentMapper.map(message);
        Map<String, Object> metadata = new LinkedHashMap<>(mapped.metadata());
        BotJson.text(message.get("from"), "username").ifPresent(u -> metadata.put("username", u));
        String id = TelegramIds.message(chatId, messageId);
        String replyTo = BotJson.integer(message.get("reply_to_message"), "message_id")
                .map(reply -> TelegramIds.message(chatId, reply)).orElse(null);
        Instant time = BotJson.time(message, "date", fallbackTime);
        if (edited) {
            metadata.put("event", "message_edit");
            metadata.put("editedMessageId", id);
            // edit_date tells the edits of one message apart; update_id where Telegram left it out
            id = id + "#edit-" + BotJson.integer(message, "edit_date").map(String::valueOf).orElse("u" + updateId);
            replyTo = TelegramIds.message(chatId, messageId);
            time = BotJson.time(message, "edit_date", time);
        }
        Party contact = new Party(Long.toString(chatId), BotJson.personName(chat));
        return Optional.of(new InboundMessage(contact, null, contact.address(), id, time, mapped.content(), replyTo,
                List.of(), null, mapped.mediaSources(), metadata));
    }
}
