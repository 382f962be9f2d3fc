package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import java.util.function.Function;

/**
 * Runs management calls (getMe, setWebhook, deleteWebhook) for ops, answering a {@link CredentialCheck}
 * instead of throwing: a refused token is REJECTED, an unreachable Telegram UNREACHABLE.
 */
final class TelegramBotCalls {

    private TelegramBotCalls() {
    }

    static CredentialCheck run(TenantConnector connector, Function<TenantConnector, String> calls) {
        List<String> problems = TelegramSettings.problems(connector);
        if (!problems.isEmpty()) {
            return CredentialCheck.rejected(String.join("; ", problems));
        }
        try {
            return CredentialCheck.ok(calls.apply(connector));
        } catch (PermanentChannelException e) {
            String detail = connector.secrets().redact(e.getMessage());
            return CredentialCheck.rejected(e.credentialsRejected() ? "bot token refused: " + detail : detail);
        } catch (ChannelException e) {
            return CredentialCheck.unreachable(connector.secrets().redact(e.getMessage()));
        } catch (RuntimeException e) {
            // the contract says these checks never throw; the text may hold anything, so it is not shown
            return CredentialCheck.unreachable("Telegram check failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String describeBot(JsonNode me) {
        String username = BotJson.text(me, "username").orElse("?");
        return "@" + username + BotJson.integer(me, "id").map(id -> " (" + id + ")").orElse("");
    }
}
