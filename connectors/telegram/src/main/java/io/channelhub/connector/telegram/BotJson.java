package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import java.time.Instant;
import java.util.Optional;

/** Reading Bot API objects without trusting them: wrong types read as absent, never as an exception. */
final class BotJson {
    /** 9999-12-31: later Unix times are no date Telegram sends. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private BotJson() {
    }

    /** A non-blank string field. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** An integral field that fits a long. */
    static Optional<Long> integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
                ? Optional.of(value.asLong()) : Optional.empty();
    }

    static long requireInteger(JsonNode node, String field, String what) {
        return integer(node, field).orElseThrow(() -> new MalformedPayloadException(
                "telegram " + what + " without a numeric " + field));
    }

    /** A Unix time in seconds, or {@code fallback}. */
    static Instant time(JsonNode node, String field, Instant fallback) {
        return integer(node, field).filter(s -> s >= 0 && s <= MAX_EPOCH_SECOND)
                .map(Instant::ofEpochSecond).orElse(fallback);
    }

    /** A finite number within {@code ±limit}. */
    static Optional<Double> degrees(JsonNode node, String field, double limit) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            return Optional.empty();
        }
        double d = value.asDouble();
        return Double.isFinite(d) && Math.abs(d) <= limit ? Optional.of(d) : Optional.empty();
    }

    /** "first last", else the username, else null. */
    static String personName(JsonNode user) {
        String first = text(user, "first_name").orElse("");
        String last = text(user, "last_name").orElse("");
        String name = (first + " " + last).strip();
        return name.isEmpty() ? text(user, "username").orElse(null) : name;
    }
}
