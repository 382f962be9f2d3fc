package io.channelhub.connector.google.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading the fields of RBM's JSON as Google writes them (proto3 JSON: int64 may come as a string). */
public final class RbmFields {
    private RbmFields() {
    }

    /** A string field without surrounding white space or control characters, or null when nothing is left. */
    public static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        String trimmed = value.isTextual() ? value.asText().trim() : "";
        return trimmed.isBlank() ? null : trimmed;
    }

    /** A whole number (not below zero) given as a JSON number or a numeric string, or null. */
    public static Long whole(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (value.canConvertToLong() && value.isIntegralNumber()) {
            return value.asLong() < 0 ? null : value.asLong(); // a size or count below zero says nothing
        }
        if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }

    /** {@code sendTime} (RFC 3339, up to nanoseconds, any offset), or {@code fallback}. */
    public static Instant sendTime(JsonNode node, Instant fallback) {
        String value = text(node, "sendTime");
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
