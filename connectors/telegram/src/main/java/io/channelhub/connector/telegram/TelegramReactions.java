package io.channelhub.connector.telegram;

import java.util.Optional;
import java.util.Set;

/**
 * The emoji a bot may react with (ReactionTypeEmoji, https://core.telegram.org/bots/api#reactiontypeemoji);
 * Telegram refuses any other with {@code REACTION_INVALID}, so they are refused before the call. Telegram
 * lists them without the emoji variation selector (U+FE0F), which senders often add: it is dropped.
 */
final class TelegramReactions {
    private static final Set<String> ALLOWED = Set.of("\uD83D\uDC4D", "\uD83D\uDC4E", "\u2764", "\uD83D\uDD25",
            "\uD83E\uDD70", "\uD83D\uDC4F", "\uD83D\uDE01", "\uD83E\uDD14", "\uD83E\uDD2F", "\uD83D\uDE31",
            "\uD83E\uDD2C", "\uD83D\uDE22", "\uD83C\uDF89", "\uD83E\uDD29", "\uD83E\uDD2E", "\uD83D\uDCA9",
            "\uD83D\uDE4F", "\uD83D\uDC4C", "\uD83D\uDD4A", "\uD83E\uDD21", "\uD83E\uDD71", "\uD83E\uDD74",
            "\uD83D\uDE0D", "\uD83D\uDC33", "\u2764\u200D\uD83D\uDD25", "\uD83C\uDF1A", "\uD83C\uDF2D",
            "\uD83D\uDCAF", "\uD83E\uDD23", "\u26A1", "\uD83C\uDF4C", "\uD83C\uDFC6", "\uD83D\uDC94", "\uD83E\uDD28",
            "\uD83D\uDE10", "\uD83C\uDF53", "\uD83C\uDF7E", "\uD83D\uDC8B", "\uD83D\uDD95", "\uD83D\uDE08",
            "\uD83D\uDE34", "\uD83D\uDE2D", "\uD83E\uDD13", "\uD83D\uDC7B", "\uD83D\uDC68\u200D\uD83D\uDCBB",
            "\uD83D\uDC40", "\uD83C\uDF83", "\uD83D\uDE48", "\uD83D\uDE07", "\uD83D\uDE28", "\uD83E\uDD1D", "\u270D",
            "\uD83E\uDD17", "\uD83E\uDEE1", "\uD83C\uDF85", "\uD83C\uDF84", "\u2603", "\uD83D\uDC85", "\uD83E\uDD2A",
            "\uD83D\uDDFF", "\uD83C\uDD92", "\uD83D\uDC98", "\uD83D\uDE49", "\uD83E\uDD84", "\uD83D\uDE18",
            "\uD83D\uDC8A", "\uD83D\uDE4A", "\uD83D\uDE0E", "\uD83D\uDC7E", "\uD83E\uDD37\u200D\u2642",
            "\uD83E\uDD37", "\uD83E\uDD37\u200D\u2640", "\uD83D\uDE21");

    private TelegramReactions() {
    }

    /** The emoji in Telegram's spelling, or empty when bots may not react with it. */
    static Optional<String> allowed(String emoji) {
        String plain = emoji == null ? "" : emoji.strip().replace("\uFE0F", "");
        return ALLOWED.contains(plain) ? Optional.of(plain) : Optional.empty();
    }
}
