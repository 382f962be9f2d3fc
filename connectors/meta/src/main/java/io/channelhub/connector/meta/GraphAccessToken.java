package io.channelhub.connector.meta;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.CredentialValues;
import java.util.Objects;

/**
 * A tenant's Graph API access token (WhatsApp access token, Page token, Instagram user token) for the duration
 * of one call. Not a record and not a String, so
 * that it cannot reach a log line, an exception message or a {@code toString()} by accident.
 */
public final class GraphAccessToken {
    private final String value;

    private GraphAccessToken(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * The token of the secret {@code field}. A token no HTTP header can carry (a pasted line break, the
     * README's old {@code …}) fails here, before any call: the HTTP client would refuse it with an
     * exception that quotes it, on every redelivery. Such a failure is permanent and names only the field.
     */
    public static GraphAccessToken of(String field, String value) {
        CredentialValues.headerTokenProblem(field, value).ifPresent(problem -> {
            throw PermanentChannelException.credentials(null, problem);
        });
        return new GraphAccessToken(value);
    }

    /** The token itself, for the one call that takes it as a parameter (debug_token); only {@link GraphHttpClient}. */
    String value() {
        return value;
    }

    /** The {@code Authorization} header value; only {@link GraphHttpClient} reads it. */
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
