package io.channelhub.connector.telegram;

import io.channelhub.connector.telegram.model.BotApiError;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.util.Locale;

/**
 * Classifies Bot API failures by {@code error_code}. Telegram gives no finer code than the HTTP-like
 * {@code error_code}, so where one code covers failures the hub must tell apart (a 403 because the person
 * blocked the bot, versus one because the bot may not write first), the {@code description} decides; those
 * texts are the ones the Bot API has answered for years (https://core.telegram.org/bots/api#making-requests).
 */
final class TelegramErrorClassifier {

    private TelegramErrorClassifier() {
    }

    static ChannelException classify(String method, BotApiError error) {
        int code = error.errorCode();
        String description = error.description();
        String message = "Telegram " + method + " failed: [" + code + "] " + description;
        String text = description.toLowerCase(Locale.ROOT);
        if (code == 429) {
            return TransientChannelException.rateLimited(error.providerCode(), message, error.retryAfter());
        }
        if (code == 401 || code == 404) {
            // 404 is what the Bot API answers for a token it does not know at all (the method names are fixed)
            return PermanentChannelException.credentials(error.providerCode(), message);
        }
        if (code >= 500) {
            return new TransientChannelException(ReasonCodes.PROVIDER_UNAVAILABLE, error.providerCode(), message,
                    error.retryAfter(), null);
        }
        if (code == 403) {
            if (text.contains("blocked by the user")) {
                // the person blocked the bot: the hub records an opt-out and stops sending
                return new PermanentChannelException(ReasonCodes.OPTED_OUT, error.providerCode(), message);
            }
            if (text.contains("user is deactivated") || text.contains("can't initiate conversation")) {
                // a deleted account, or one that never pressed Start: no Telegram chat to write to
                return new PermanentChannelException(ReasonCodes.NOT_REACHABLE_ON_CHANNEL, error.providerCode(),
                        message);
            }
            return new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, error.providerCode(), message);
        }
        if (code == 400 && (text.contains("chat not found") || text.contains("peer_id_invalid")
                || text.contains("user not found"))) {
            return new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, error.providerCode(), message);
        }
        if (code == 400 && text.contains("reaction_invalid")) {
            return new PermanentChannelException(ReasonCodes.INVALID_REQUEST, error.providerCode(), message);
        }
        return new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, error.providerCode(), message);
    }

    static PermanentChannelException credentials(String message) {
        return PermanentChannelException.credentials(null, message);
    }

    static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }

    static PermanentChannelException invalidRequest(String message) {
        return new PermanentChannelException(ReasonCodes.INVALID_REQUEST, null, message);
    }
}
