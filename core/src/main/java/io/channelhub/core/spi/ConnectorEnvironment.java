package io.channelhub.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Hub configuration a connector may read: its provider base URLs, API versions and timeouts under
 * {@code hub.channels.<channel>.*}. Never tenant data.
 */
public interface ConnectorEnvironment {

    /** A property under {@code hub.channels.<channel>.}, e.g. {@code base-url}. */
    Optional<String> property(String name);

    default String property(String name, String defaultValue) {
        return property(name).orElse(defaultValue);
    }

    default Duration duration(String name, Duration defaultValue) {
        return property(name).map(ConnectorEnvironment::parseDuration).orElse(defaultValue);
    }

    /** Accepts ISO-8601 ({@code PT10S}) and the short forms {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long amount = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("not a duration: " + value);
        };
    }

    Clock clock();
}
