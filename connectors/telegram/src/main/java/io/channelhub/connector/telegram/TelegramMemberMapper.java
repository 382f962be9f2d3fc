package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.spi.ContactEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's own membership in a private chat changed (https://core.telegram.org/bots/api#chatmemberupdated):
 * status {@code kicked} means the person blocked the bot, an opt-out; {@code member} after {@code kicked}
 * means they unblocked or restarted it, an opt-in. Other changes give no consent. The event id is the
 * update's, which Telegram repeats on redelivery; it is tied to the chat since update ids are not forever unique.
 */
final class TelegramMemberMapper {

    private TelegramMemberMapper() {
    }

    static Optional<ContactEvent> map(JsonNode update, long updateId, Instant fallbackTime) {
        JsonNode chat = update.get("chat");
        long chatId = BotJson.requireInteger(chat, "id", "my_chat_member chat");
        if (!TelegramChats.isPrivate(chat)) {
            return Optional.empty();
        }
        String before = BotJson.text(update.get("old_chat_member"), "status").orElse("");
        String after = BotJson.text(update.get("new_chat_member"), "status").orElse("");
        Boolean optedIn = "kicked".equals(after) ? Boolean.FALSE
                : "kicked".equals(before) && "member".equals(after) ? Boolean.TRUE : null;
        if (optedIn == null) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("oldStatus", before);
        details.put("newStatus", after);
        String evidence = "telegram my_chat_member update " + updateId + ": bot " + (optedIn ? "unblocked" : "blocked")
                + " (" + before + " -> " + after + ")";
        return Optional.of(new ContactEvent(ContactEvent.CONSENT_CHANGED, Long.toString(chatId),
                chatId + "#my_chat_member-" + updateId, BotJson.time(update, "date", fallbackTime), null,
                new ContactEvent.ConsentChange(optedIn, evidence), details));
    }
}
