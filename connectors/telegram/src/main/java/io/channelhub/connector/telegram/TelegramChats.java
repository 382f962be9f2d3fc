package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which chats are the hub's. A contact is one person in a private chat with the bot; groups, supergroups and
 * channels the bot was added to are not conversations the hub holds with a contact, so their updates are left
 * out (counted at debug level by the normalizer).
 */
final class TelegramChats {

    private TelegramChats() {
    }

    static boolean isPrivate(JsonNode chat) {
        return "private".equals(BotJson.text(chat, "type").orElse(null));
    }
}
