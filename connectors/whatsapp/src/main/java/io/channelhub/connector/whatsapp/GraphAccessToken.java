package io.channelhub.connector.whatsapp;

import java.util.Objects;

/**
 * A tenant's Graph API access token for the duration of one call. Not a record and not a String, so
 * that it cannot reach a log line, an exception message or a {@code toString()} by accident.
 */
final class GraphAccessToken {
    private final String value;

    GraphAccessToken(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The {@code Authorization} header value. */
    String bearer() {
        return "Bearer " + value;
    }

    /** Removes the token from text that came back from the provider before it goes anywhere else. */
    String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "***";
    }
}
