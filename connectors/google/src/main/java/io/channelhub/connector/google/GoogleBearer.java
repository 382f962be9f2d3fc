package io.channelhub.connector.google;

import java.util.Objects;

/**
 * An OAuth2 access token for the duration of one call. Not a String, so that it cannot reach a log line,
 * an exception message or a {@code toString()} by accident.
 */
final class GoogleBearer {
    private final String token;

    GoogleBearer(String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    /** The {@code Authorization} header value. */
    String header() {
        return "Bearer " + token;
    }

    /** Removes the token from text that came back from Google before it goes anywhere else. */
    String redact(String text) {
        return text == null || token.isEmpty() ? text : text.replace(token, "***");
    }

    @Override
    public String toString() {
        return "***";
    }
}
