package io.channelhub.connector.google.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The push envelope RBM posts to a webhook, Pub/Sub style:
 * {@code {"message": {"data": "<base64>", "messageId", "publishTime", "attributes": {...}}, "subscription"}}.
 * {@code data} is the JSON of a {@code UserMessage}, {@code UserEvent} or {@code ServerEvent}; Google signs
 * those decoded bytes, not the envelope.
 *
 * @param data       the decoded {@code message.data} bytes
 * @param attributes {@code message.attributes}, an empty object when absent
 */
public record RbmPush(byte[] data, JsonNode attributes) {

    /** Set in {@code attributes.type} on agent launch-state notifications, which carry no user traffic. */
    public static final String AGENT_LAUNCH_EVENT = "agent_launch_event";

    /** The envelope of {@code body}, or empty when it is not one (not JSON, no base64 {@code message.data}). */
    public static Optional<RbmPush> parse(byte[] body) {
        JsonNode message;
        try {
            JsonNode root = HubJson.mapper().readTree(body);
            message = root == null ? null : root.path("message");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (message == null || !message.path("data").isTextual()) {
            return Optional.empty();
        }
        try {
            byte[] data = Base64.getDecoder().decode(message.path("data").asText());
            JsonNode attributes = message.path("attributes");
            return Optional.of(new RbmPush(data, attributes.isObject() ? attributes
                    : HubJson.mapper().createObjectNode()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The decoded data as JSON, or empty when it is not a JSON object. */
    public Optional<JsonNode> json() {
        try {
            JsonNode node = HubJson.mapper().readTree(data);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean isAgentLaunchEvent() {
        return AGENT_LAUNCH_EVENT.equals(attributes.path("type").asText(null));
    }
}
