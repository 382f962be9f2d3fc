package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.util.Optional;

/**
 * A Graph API error, as in {@code {"error":{"message","type","code","error_subcode","error_data":{"details"},
 * "fbtrace_id"}}}, the same on every Meta channel. Meta asks integrators to branch on {@code code} and
 * {@code error_subcode}, not on titles: https://developers.facebook.com/docs/graph-api/guides/error-handling
 *
 * @param code    the Graph error code, or null when the body had none
 * @param subcode {@code error_subcode}, or null
 * @param message Meta's message (a title, e.g. "(#131047) Re-engagement message")
 * @param details {@code error_data.details}, or null
 */
public record GraphError(Integer code, Integer subcode, String message, String details) {

    /** Reads a Graph error response body; empty when it is not one. */
    public static Optional<GraphError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode error = HubJson.mapper().readTree(body).path("error");
            return error.isObject() ? Optional.of(fromNode(error)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * One error object as found in Graph responses and in webhook {@code errors[]} (where the human text is
     * {@code title}).
     */
    public static GraphError fromNode(JsonNode error) {
        String message = text(error.get("message"));
        if (message == null) {
            message = text(error.get("title"));
        }
        return new GraphError(integer(error.get("code")), integer(error.get("error_subcode")), message,
                text(error.path("error_data").get("details")));
    }

    /** Meta's short title of a webhook error ({@code title}), else its message. */
    public static String title(JsonNode error) {
        String title = text(error.get("title"));
        return title != null ? title : text(error.get("message"));
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.canConvertToInt()) {
            return node.intValue();
        }
        try {
            return Integer.valueOf(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }
}
