package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a tenant's token may do, for the credential check: a token without the permission the channel needs
 * ({@code pages_messaging}, {@code instagram_manage_messages}, {@code whatsapp_business_messaging}) would pass a
 * lookup and fail every send with code 200 or 10, so the check names what is missing before the first send.
 */
public final class GraphPermissions {

    private GraphPermissions() {
    }

    /**
     * Appends what the token may do to a passed lookup's {@code detail}; throws a credentials refusal naming the
     * missing permissions. When Meta does not say (the app cannot inspect this kind of token), the detail says so
     * and the check still passes: the lookup proved the token works.
     */
    public static String check(GraphHttpClient graph, GraphAccessToken token, String version, List<String> required,
                               String detail) {
        JsonNode data;
        try {
            data = graph.debugToken(token, version).path("data");
        } catch (ChannelException e) {
            return detail + "; its permissions could not be read (" + e.getMessage() + ")";
        }
        if (data.has("is_valid") && !data.path("is_valid").asBoolean()) {
            throw PermanentChannelException.credentials(null, "the token is no longer valid: "
                    + data.path("error").path("message").asText("expired or revoked") + "; reconnect and save a new one");
        }
        if (!data.path("scopes").isArray()) {
            return detail + "; its permissions could not be read";
        }
        Set<String> granted = new TreeSet<>();
        data.path("scopes").forEach(scope -> granted.add(scope.asText()));
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(granted);
        if (!missing.isEmpty()) {
            throw PermanentChannelException.credentials(null, "the token lacks the permission " + String.join(", ",
                    missing) + ": grant it to the app for this account and save a new token");
        }
        return detail + "; permissions " + String.join(", ", required) + " granted";
    }
}
