package io.channelhub.core.spi;

import java.util.Optional;

/**
 * Rules for credential values whose only use is an HTTP header ({@code Authorization: Bearer …} or
 * {@code Basic …}). A token pasted with a trailing newline, or copied from an example with a typographic
 * ellipsis, can never be sent: the HTTP client refuses the header and its exception quotes the value.
 * Connectors check such values on save and before each call, so the value never reaches a client.
 */
public final class CredentialValues {

    private CredentialValues() {
    }

    /**
     * Why {@code value} cannot be the credential {@code field} of a line-based protocol (an IMAP or SMTP
     * login): a line break or another control character — a paste accident, since such protocols end the
     * command there. White space and non-ASCII characters are fine in passwords. Empty when usable.
     */
    public static Optional<String> lineProblem(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                String what = c == '\n' || c == '\r' ? "a line break" : "a control character";
                String where = i == value.length() - 1 ? "at its end" : "at position " + (i + 1);
                return Optional.of("'" + field + "' has " + what + " " + where
                        + ", which no mail server login can carry; paste the value again without it");
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code value} cannot be sent as the credential {@code field} in an HTTP header, or empty when it
     * can. The answer names the field and the offending character's position and code point — never the
     * value, and only characters that no real token contains.
     */
    public static Optional<String> headerTokenProblem(String field, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x20 && c < 0x7f) {
                continue;
            }
            String what = c == '\n' || c == '\r' ? "a line break"
                    : c == ' ' || c == '\t' ? "white space"
                    : c < 0x20 || c == 0x7f ? "a control character"
                    : "a non-ASCII character (U+" + String.format("%04X", (int) c) + ")";
            String where = i == value.length() - 1 ? "at its end" : "at position " + (i + 1);
            return Optional.of("'" + field + "' has " + what + " " + where
                    + ", which no HTTP header can carry; paste the value again without it");
        }
        return Optional.empty();
    }
}
