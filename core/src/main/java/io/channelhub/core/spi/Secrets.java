package io.channelhub.core.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant connector's decrypted secrets. Deliberately not a record: {@code toString()} prints only
 * the names, so a secret cannot reach a log line by accident.
 */
public final class Secrets {
    /** Shorter values are no credential anyone uses, and replacing them would garble ordinary words. */
    private static final int MIN_REDACTED_LENGTH = 4;
    private static final Secrets NONE = new Secrets(Map.of());
    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Secrets of(Map<String, String> values) {
        return values == null || values.isEmpty() ? NONE : new Secrets(values);
    }

    public static Secrets none() {
        return NONE;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("secret " + name + " is not configured"));
    }

    public Set<String> names() {
        return new TreeMap<>(values).keySet();
    }

    /** The plain values, for the hub's encryption at rest only. */
    public Map<String, String> reveal() {
        return values;
    }

    /**
     * The text with every secret value replaced by {@code ***}: for provider or library messages (an HTTP
     * client quoting a header value, a server echoing a login) before they reach a log line, a status
     * event or an answer. Values are also matched without surrounding white space, since a value pasted
     * with a trailing newline may be quoted trimmed.
     */
    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values.values()) {
            for (String form : new String[] {value, value.strip()}) {
                if (form.length() >= MIN_REDACTED_LENGTH) {
                    out = out.replace(form, "***");
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Secrets" + names() + "=***";
    }
}
