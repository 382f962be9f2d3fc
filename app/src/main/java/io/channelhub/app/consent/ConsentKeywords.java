package io.channelhub.app.consent;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises opt-out and opt-in keywords in an inbound text, for every channel, in the recipient's language:
 * keyword sets for Dutch, English, German, French, Spanish and Italian. A tenant's connector may replace them with
 * the settings {@code optOutKeywords} and {@code optInKeywords} (comma-separated, any language). A keyword counts
 * only as the whole message, ignoring case, accents, spaces and final punctuation — "ARRÊT", "arret" and "Arret!"
 * are one word — so "stop by tomorrow" opts nobody out. The language is that of the first set holding the word, in
 * the order above ("STOP" is Dutch and English alike).
 */
public final class ConsentKeywords {
    /** Opt-out words per language (ISO 639-1), as written by people; matched without accents. */
    public static final Map<String, Set<String>> OPT_OUT = languages(
            "nl", "STOP, STOPPEN, AFMELDEN, UITSCHRIJVEN",
            "en", "STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT",
            "de", "STOPP, STOP, ABMELDEN, ABBESTELLEN, KÜNDIGEN",
            "fr", "ARRÊT, STOP, DÉSABONNER, DÉSINSCRIRE",
            "es", "BAJA, CANCELAR, PARAR",
            "it", "ANNULLA, DISISCRIVIMI, STOP");
    /** Opt-in words per language. */
    public static final Map<String, Set<String>> OPT_IN = languages(
            "nl", "START, AANMELDEN",
            "en", "START, YES, UNSTOP, SUBSCRIBE",
            "de", "START, ANMELDEN",
            "fr", "COMMENCER, ABONNER",
            "es", "ALTA, INICIAR",
            "it", "ISCRIVIMI, INIZIA");

    /** What an inbound text asks for. */
    public enum Intent { OPT_OUT, OPT_IN }

    /** What was asked, and in which language when the hub's own sets told it (null for a tenant's own words). */
    public record Match(Intent intent, String language) {
    }

    private ConsentKeywords() {
    }

    public static Optional<Match> detect(String text, String optOutSetting, String optInSetting) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String word = fold(text.strip().replaceAll("[.!?]+$", ""));
        Optional<Match> out = find(word, optOutSetting, OPT_OUT, Intent.OPT_OUT);
        return out.isPresent() ? out : find(word, optInSetting, OPT_IN, Intent.OPT_IN);
    }

    private static Optional<Match> find(String word, String setting, Map<String, Set<String>> defaults, Intent intent) {
        if (setting != null && !setting.isBlank()) {
            return words(setting).contains(word) ? Optional.of(new Match(intent, null)) : Optional.empty();
        }
        return defaults.entrySet().stream().filter(e -> e.getValue().contains(word)).findFirst()
                .map(e -> new Match(intent, e.getKey()));
    }

    /** The languages of the hub's own sets that have {@code text} as a keyword of {@code intent}. */
    public static Set<String> languagesOf(String text, Intent intent) {
        String word = fold(text.strip().replaceAll("[.!?]+$", ""));
        Set<String> languages = new java.util.LinkedHashSet<>();
        (intent == Intent.OPT_OUT ? OPT_OUT : OPT_IN).forEach((language, words) -> {
            if (words.contains(word)) {
                languages.add(language);
            }
        });
        return languages;
    }

    /** Upper case without accents: what people type on a phone varies in both. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
    }

    private static Set<String> words(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(s -> fold(s.strip())).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Map<String, Set<String>> languages(String... languageAndWords) {
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        for (int i = 0; i < languageAndWords.length; i += 2) {
            sets.put(languageAndWords[i], words(languageAndWords[i + 1]));
        }
        return java.util.Collections.unmodifiableMap(sets);
    }
}
