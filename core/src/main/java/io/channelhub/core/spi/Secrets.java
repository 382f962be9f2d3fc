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

    @Override
    public String toString() {
        return "Secrets" + names() + "=***";
    }
}
