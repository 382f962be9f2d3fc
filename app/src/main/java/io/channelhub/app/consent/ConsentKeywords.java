package io.channelhub.app.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises opt-out and opt-in keywords in an inbound text, for every channel. The defaults cover
 * English, Dutch and German; a tenant's connector may replace them with the settings
 * {@code optOutKeywords} and {@code optInKeywords} (comma-separated). A keyword counts only as the whole
 * message (ignoring case, spaces and final punctuation), so "stop by tomorrow" opts nobody out.
 */
public final class ConsentKeywords {
    public static final Set<String> DEFAULT_OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END",
            "QUIT", "STOPP", "STOPPEN", "AFMELDEN", "UITSCHRIJVEN", "ABMELDEN");
    public static final Set<String> DEFAULT_OPT_IN = Set.of("START", "YES", "UNSTOP", "AANMELDEN", "ANMELDEN");

    /** What an inbound text asks for. */
    public enum Intent { OPT_OUT, OPT_IN }

    private ConsentKeywords() {
    }

    public static Optional<Intent> detect(String text, String optOutSetting, String optInSetting) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String word = text.strip().replaceAll("[.!?]+$", "").toUpperCase(Locale.ROOT);
        if (keywords(optOutSetting, DEFAULT_OPT_OUT).contains(word)) {
            return Optional.of(Intent.OPT_OUT);
        }
        if (keywords(optInSetting, DEFAULT_OPT_IN).contains(word)) {
            return Optional.of(Intent.OPT_IN);
        }
        return Optional.empty();
    }

    private static Set<String> keywords(String setting, Set<String> defaults) {
        if (setting == null || setting.isBlank()) {
            return defaults;
        }
        return Arrays.stream(setting.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
