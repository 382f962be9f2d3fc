package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * What a Graph answer's headers say about throttling: {@code Retry-After} (seconds or an HTTP date), and the
 * usage headers Meta sends with every call, {@code X-App-Usage} / {@code X-Page-Usage}
 * ({@code {"call_count":…,"total_cputime":…,"total_time":…}}, percent of the limit) and
 * {@code X-Business-Use-Case-Usage} ({@code {"<id>":[{…, "estimated_time_to_regain_access": minutes}]}}). See
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 *
 * @param retryAfter     when to try again, or null when the answer does not say
 * @param usageExhausted a usage header is at 100 % or more: the failure is throttling whatever its status
 */
public record GraphThrottleHints(Duration retryAfter, boolean usageExhausted) {

    public static final GraphThrottleHints NONE = new GraphThrottleHints(null, false);

    private static final List<String> PERCENT_FIELDS = List.of("call_count", "total_cputime", "total_time");

    static GraphThrottleHints of(HttpHeaders headers, Clock clock) {
        JsonNode businessUsage = json(headers, "X-Business-Use-Case-Usage");
        Duration retryAfter = retryAfter(headers, clock);
        if (retryAfter == null) {
            retryAfter = regainAccessIn(businessUsage);
        }
        boolean exhausted = percentUsed(json(headers, "X-App-Usage")) >= 100
                || percentUsed(json(headers, "X-Page-Usage")) >= 100;
        for (JsonNode entries : businessUsage) {
            for (JsonNode entry : entries) {
                exhausted |= percentUsed(entry) >= 100;
            }
        }
        return new GraphThrottleHints(retryAfter, exhausted);
    }

    private static Duration retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value.get()));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The longest wait any business use case announces, or null when none is blocked. */
    private static Duration regainAccessIn(JsonNode businessUsage) {
        long minutes = 0;
        for (JsonNode entries : businessUsage) {
            for (JsonNode entry : entries) {
                minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    private static long percentUsed(JsonNode usage) {
        long used = 0;
        for (String field : PERCENT_FIELDS) {
            used = Math.max(used, usage.path(field).asLong(0));
        }
        return used;
    }

    /** The header's JSON object, or an empty node for an absent or unreadable header. */
    private static JsonNode json(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isPresent()) {
            try {
                JsonNode node = HubJson.mapper().readTree(value.get());
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (IOException e) {
                // a header Meta garbled gives no hint; the error code still classifies the failure
            }
        }
        return HubJson.mapper().createObjectNode();
    }
}
