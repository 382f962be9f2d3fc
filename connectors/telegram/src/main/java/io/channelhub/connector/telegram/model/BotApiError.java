package io.channelhub.connector.telegram.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A Bot API failure answer, {@code {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5",
 * "parameters":{"retry_after":5}}}, or what stands in for one when the body is not Telegram's (a proxy's 502).
 *
 * @param errorCode   Telegram's {@code error_code}, else the HTTP status
 * @param description Telegram's text, which it documents as subject to change; may be empty
 * @param retryAfter  {@code parameters.retry_after}, or null
 */
public record BotApiError(int errorCode, String description, Duration retryAfter) {

    /** Reads the answer, falling back to the HTTP status where the body says nothing usable. */
    public static BotApiError of(int httpStatus, JsonNode body) {
        JsonNode code = body == null ? null : body.get("error_code");
        int errorCode = code != null && code.canConvertToInt() && code.asInt() >= 400 ? code.asInt() : httpStatus;
        String description = body == null ? "" : body.path("description").asText("");
        JsonNode retry = body == null ? null : body.path("parameters").get("retry_after");
        Duration retryAfter = retry != null && retry.canConvertToLong() && retry.asLong() >= 0
                ? Duration.ofSeconds(Math.min(retry.asLong(), 86_400)) : null;
        return new BotApiError(errorCode, description, retryAfter);
    }

    public String providerCode() {
        return Integer.toString(errorCode);
    }
}
