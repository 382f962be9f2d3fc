package io.channelhub.app.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.consent.ConsentKeywords.Intent;
import io.channelhub.app.consent.ConsentKeywords.Match;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 20: opt-out and opt-in keywords per language, whole message, case and accents aside. */
class ConsentKeywordsTest {

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "STOP, OPT_OUT, nl", "afmelden, OPT_OUT, nl", "Unsubscribe!, OPT_OUT, en", "ABMELDEN, OPT_OUT, de",
            "kündigen, OPT_OUT, de", "KUNDIGEN, OPT_OUT, de", "ARRÊT, OPT_OUT, fr", "arret, OPT_OUT, fr",
            "Désabonner., OPT_OUT, fr", "DESINSCRIRE, OPT_OUT, fr", "baja, OPT_OUT, es", "CANCELAR, OPT_OUT, es",
            "annulla, OPT_OUT, it", "Disiscrivimi, OPT_OUT, it",
            "start, OPT_IN, nl", "Anmelden, OPT_IN, de", "alta, OPT_IN, es", "ISCRIVIMI, OPT_IN, it",
            "s'abonner, , ", "COMMENCER, OPT_IN, fr"})
    void aKeywordAloneIsRecognisedWithItsLanguage(String text, Intent intent, String language) {
        if (intent == null) {
            assertThat(ConsentKeywords.detect(text, null, null)).isEmpty();
        } else {
            assertThat(ConsentKeywords.detect(text, null, null)).contains(new Match(intent, language));
        }
    }

    @Test
    void aKeywordInsideASentenceOptsNobodyOut() {
        assertThat(ConsentKeywords.detect("stop by tomorrow", null, null)).isEmpty();
        assertThat(ConsentKeywords.detect("Bitte ABMELDEN Sie mich", null, null)).isEmpty();
        assertThat(ConsentKeywords.detect("x".repeat(41), null, null)).isEmpty();
    }

    @Test
    void aTenantsOwnWordsReplaceTheSetsAccentsAside() {
        assertThat(ConsentKeywords.detect("Opzeggen", "OPZEGGEN, NÃO", null)).contains(new Match(Intent.OPT_OUT, null));
        assertThat(ConsentKeywords.detect("nao", "OPZEGGEN, NÃO", null)).contains(new Match(Intent.OPT_OUT, null));
        assertThat(ConsentKeywords.detect("STOP", "OPZEGGEN", null)).as("the defaults are replaced").isEmpty();
    }
}
