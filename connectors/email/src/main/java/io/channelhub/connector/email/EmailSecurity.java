package io.channelhub.connector.email;

import java.util.Locale;

/**
 * How a mail connection is protected: {@code none}, {@code starttls} (upgraded after connecting) or
 * {@code tls} (from the first byte).
 */
enum EmailSecurity {
    NONE, STARTTLS, TLS;

    /** Parses a setting value; an absent value falls back to the usual choice for the port. */
    static EmailSecurity parse(String value, int port, int implicitTlsPort) {
        if (value == null || value.isBlank()) {
            return port == implicitTlsPort ? TLS : STARTTLS;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none", "plain" -> NONE;
            case "starttls" -> STARTTLS;
            case "tls", "ssl" -> TLS;
            default -> throw new IllegalArgumentException("security must be none, starttls or tls, not " + value);
        };
    }
}
