package io.channelhub.app.consent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reply that confirms an opt-out or opt-in keyword, in the contact's language: the keyword's own language
 * where only one of the hub's sets has it, else the language of the phone number's country among those that
 * have it ("STOP" is Dutch, English, German, French and Italian alike), else English. Sent where the channel
 * allows a reply and the provider sends none of its own: not by email (the unsubscribe page is the
 * confirmation there), not by SMS to a North American number (Twilio answers its standard keywords there).
 */
public final class ConsentConfirmations {
    /** The metadata key that marks the hub's own confirmation, which alone may reach an opted-out contact. */
    public static final String METADATA_KEY = "hubConsentConfirmation";
    private static final Map<String, String> OPTED_OUT = Map.of(
            "nl", "Je bent afgemeld en krijgt geen berichten meer van ons. Stuur START om je weer aan te melden.",
            "en", "You are unsubscribed and will get no more messages from us. Reply START to subscribe again.",
            "de", "Du bist abgemeldet und bekommst keine Nachrichten mehr von uns. Antworte START, um dich wieder "
                    + "anzumelden.",
            "fr", "Vous êtes désabonné et ne recevrez plus de messages de notre part. Répondez COMMENCER pour vous "
                    + "réabonner.",
            "es", "Te has dado de baja y no recibirás más mensajes nuestros. Responde ALTA para volver a suscribirte.",
            "it", "Hai annullato l'iscrizione e non riceverai più messaggi da noi. Rispondi ISCRIVIMI per "
                    + "iscriverti di nuovo.");
    private static final Map<String, String> OPTED_IN = Map.of(
            "nl", "Je bent weer aangemeld. Stuur STOP om je af te melden.",
            "en", "You are subscribed again. Reply STOP to unsubscribe.",
            "de", "Du bist wieder angemeldet. Antworte STOPP, um dich abzumelden.",
            "fr", "Vous êtes de nouveau abonné. Répondez ARRÊT pour vous désabonner.",
            "es", "Te has vuelto a suscribir. Responde BAJA para darte de baja.",
            "it", "Sei di nuovo iscritto. Rispondi ANNULLA per annullare l'iscrizione.");
    /** The language a country's contacts are answered in, where it is one of the hub's. */
    private static final Map<String, String> COUNTRY_LANGUAGE = Map.ofEntries(
            Map.entry("NL", "nl"), Map.entry("BE", "nl"), Map.entry("SR", "nl"), Map.entry("CW", "nl"),
            Map.entry("DE", "de"), Map.entry("AT", "de"), Map.entry("CH", "de"), Map.entry("LI", "de"),
            Map.entry("FR", "fr"), Map.entry("LU", "fr"), Map.entry("MC", "fr"),
            Map.entry("ES", "es"), Map.entry("MX", "es"), Map.entry("AR", "es"), Map.entry("CO", "es"),
            Map.entry("CL", "es"), Map.entry("PE", "es"), Map.entry("IT", "it"), Map.entry("SM", "it"),
            Map.entry("GB", "en"), Map.entry("IE", "en"), Map.entry("US", "en"), Map.entry("CA", "en"));

    private ConsentConfirmations() {
    }

    /**
     * The confirmation of {@code intent} for a contact who wrote {@code text} from a number of {@code country}
     * (ISO 3166, or empty), or empty where the hub sends none.
     */
    public static Optional<String> reply(ConsentKeywords.Intent intent, String text, Optional<String> country,
                                         String channel, String address) {
        if ("email".equals(channel) || ("sms".equals(channel) && address.startsWith("+1"))) {
            return Optional.empty();
        }
        String language = language(ConsentKeywords.languagesOf(text, intent), country.map(COUNTRY_LANGUAGE::get));
        return Optional.of((intent == ConsentKeywords.Intent.OPT_OUT ? OPTED_OUT : OPTED_IN).get(language));
    }

    /** @param keywordLanguages empty for a tenant's own keyword */
    private static String language(Set<String> keywordLanguages, Optional<String> countrys) {
        if (keywordLanguages.size() == 1) {
            return keywordLanguages.iterator().next();
        }
        if (countrys.isPresent() && (keywordLanguages.isEmpty() || keywordLanguages.contains(countrys.get()))) {
            return countrys.get();
        }
        return keywordLanguages.isEmpty() || keywordLanguages.contains("en") ? "en"
                : keywordLanguages.iterator().next();
    }
}
