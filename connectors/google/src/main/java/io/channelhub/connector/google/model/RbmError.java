package io.channelhub.connector.google.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.util.Optional;

/**
 * Google's error body ({@code {"error": {"code", "message", "status", "details": [...]}}}): the status word
 * ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, …) and, for a bad request, the first field Google names in
 * a {@code google.rpc.BadRequest} detail. https://cloud.google.com/apis/design/errors
 *
 * @param field the request field Google blames ({@code contentMessage.suggestions[0].reply.text}), or null
 */
public record RbmError(String status, String message, String field) {

    public static Optional<RbmError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode error = HubJson.mapper().readTree(body).path("error");
            if (!error.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new RbmError(text(error, "status"), text(error, "message"), violatedField(error)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String violatedField(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            for (JsonNode violation : detail.path("fieldViolations")) {
                String field = text(violation, "field");
                if (field != null) {
                    return field;
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
