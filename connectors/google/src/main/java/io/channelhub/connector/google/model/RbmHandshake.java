package io.channelhub.connector.google.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.util.Optional;

/**
 * Google's webhook registration request, {@code {"clientToken": "…", "secret": "…"}}: the webhook proves
 * itself by answering 200 with the secret as plain text, only when the client token is the agent's.
 * https://developers.google.com/business-communications/rcs-business-messaging/guides/integrate/webhooks
 */
public record RbmHandshake(String clientToken, String secret) {

    /** The handshake in {@code body}, or empty when the body is anything else (a push envelope). */
    public static Optional<RbmHandshake> parse(byte[] body) {
        try {
            JsonNode root = HubJson.mapper().readTree(body);
            if (root == null || !root.isObject() || !root.path("secret").isTextual() || root.has("message")) {
                return Optional.empty();
            }
            JsonNode token = root.path("clientToken");
            return Optional.of(new RbmHandshake(token.isTextual() ? token.asText() : null,
                    root.path("secret").asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RbmHandshake[***]";
    }
}
