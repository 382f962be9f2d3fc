package io.channelhub.app.outbound;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a tenant's connector does with restricted content ({@link RestrictedContent}), its setting
 * {@value #SETTING}: refuse the message, send it with each occurrence masked, or not look. Email looks by default
 * (refuse): card numbers and national ids are never to go out by email; other channels look when set.
 */
public enum RestrictedContentPolicy {
    OFF, REJECT, REDACT;

    public static final String SETTING = "restrictedContent";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy for a connector's settings; an unreadable value is refused when the connector is saved. */
    static RestrictedContentPolicy of(Map<String, String> settings, String channel) {
        String value = settings.get(SETTING);
        if (value == null || value.isBlank()) {
            return "email".equals(channel) ? REJECT : OFF;
        }
        return parse(value).orElse(REJECT);
    }

    public static Optional<RestrictedContentPolicy> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(value.trim())).findFirst();
    }
}
