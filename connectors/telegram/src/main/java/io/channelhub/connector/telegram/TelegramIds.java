package io.channelhub.connector.telegram;

import java.util.Optional;

/**
 * Provider message ids. A Telegram {@code message_id} is unique only within its chat, so the hub's id is
 * {@code <chat id>:<message_id>}: the same for a message however often Telegram redelivers its update, and the
 * same form for what the hub sends, so replies and reactions can name either.
 */
final class TelegramIds {

    private TelegramIds() {
    }

    static String message(long chatId, long messageId) {
        return chatId + ":" + messageId;
    }

    /** The {@code message_id} of a provider id of either form ({@code <chat>:<message>} or a bare number). */
    static Optional<Long> messageIdOf(String providerId) {
        if (providerId == null) {
            return Optional.empty();
        }
        String id = providerId.strip();
        int colon = id.lastIndexOf(':');
        String number = colon >= 0 ? id.substring(colon + 1) : id;
        try {
            long value = Long.parseLong(number);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The chat of a {@code <chat>:<message>} id, when it names one. */
    static Optional<String> chatOf(String providerId) {
        if (providerId == null || providerId.lastIndexOf(':') <= 0) {
            return Optional.empty();
        }
        return Optional.of(providerId.strip().substring(0, providerId.strip().lastIndexOf(':')));
    }
}
