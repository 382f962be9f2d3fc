package io.channelhub.connector.telegram;

import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's Telegram configuration (CONTRACT §7): setting {@code botUsername}, secrets {@code botToken} and
 * {@code webhookSecret}. The bot token travels in the URL path ({@code /bot<token>/<method>}), so it must be
 * URL-safe as well as header-safe, and is never quoted anywhere.
 */
final class TelegramSettings {
    static final String BOT_USERNAME = "botUsername";
    static final String BOT_TOKEN = "botToken";
    static final String WEBHOOK_SECRET = "webhookSecret";

    /** BotFather's tokens: the bot's numeric id, a colon, then URL-safe base64-like characters. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");
    /** setWebhook's rule for secret_token: https://core.telegram.org/bots/api#setwebhook */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** Telegram usernames: 5–32 of a-z, 0-9 and underscores; ops may paste the leading @. */
    private static final Pattern USERNAME = Pattern.compile("@?[A-Za-z0-9_]{5,32}");

    private TelegramSettings() {
    }

    /** One line per unusable value, naming the field and never quoting a secret. */
    static List<String> problems(TenantConnector connector) {
        List<String> problems = new ArrayList<>();
        connector.secrets().get(BOT_TOKEN).ifPresent(token -> CredentialValues.headerTokenProblem(BOT_TOKEN, token)
                .or(() -> TOKEN.matcher(token).matches() ? Optional.empty() : Optional.of("'" + BOT_TOKEN
                        + "' does not look like a bot token from @BotFather (<bot id digits>:<letters, digits, _ and ->)"))
                .ifPresent(problems::add));
        connector.secrets().get(WEBHOOK_SECRET).filter(secret -> !SECRET.matcher(secret).matches())
                .ifPresent(secret -> problems.add("'" + WEBHOOK_SECRET
                        + "' must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token)"));
        connector.setting(BOT_USERNAME).filter(name -> !USERNAME.matcher(name.strip()).matches())
                .ifPresent(name -> problems.add("'" + BOT_USERNAME
                        + "' must be a Telegram username: 5 to 32 letters, digits or underscores"));
        return problems;
    }

    /**
     * The bot token, checked before it is put into a URL: a value that fails the rules would make the JDK's
     * URI parser quote it in its exception.
     *
     * @throws io.channelhub.core.error.PermanentChannelException (credentials) when absent or unusable
     */
    static String botToken(TenantConnector connector) {
        String token = connector.secrets().get(BOT_TOKEN).orElseThrow(() -> TelegramErrorClassifier.credentials(
                "connector telegram of tenant " + connector.tenantId() + " has no " + BOT_TOKEN));
        if (!TOKEN.matcher(token).matches()) {
            throw TelegramErrorClassifier.credentials("the " + BOT_TOKEN + " of tenant " + connector.tenantId()
                    + " is not a bot token (<digits>:<token characters>)");
        }
        return token;
    }

    /** The configured username without a leading @, if any. */
    static Optional<String> botUsername(TenantConnector connector) {
        return connector.setting(BOT_USERNAME).map(String::strip).map(n -> n.startsWith("@") ? n.substring(1) : n);
    }
}
