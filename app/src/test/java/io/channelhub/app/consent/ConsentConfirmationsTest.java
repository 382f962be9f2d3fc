package io.channelhub.app.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The confirmation's language: the keyword's own, the number's country's among the keyword's, else English. */
class ConsentConfirmationsTest {

    @Test
    void aKeywordOfOneLanguageIsAnsweredInIt() {
        assertThat(reply("ABMELDEN", "NL", "whatsapp")).hasValueSatisfying(t -> assertThat(t).startsWith("Du bist"));
        assertThat(reply("baja", "NL", "telegram")).hasValueSatisfying(t -> assertThat(t).startsWith("Te has"));
    }

    @Test
    void aKeywordOfSeveralLanguagesIsAnsweredInTheNumbersCountrysWhenItIsOneOfThem() {
        assertThat(reply("STOP", "NL", "whatsapp")).hasValueSatisfying(t -> assertThat(t).startsWith("Je bent"));
        assertThat(reply("STOP", "DE", "whatsapp")).hasValueSatisfying(t -> assertThat(t).startsWith("Du bist"));
        assertThat(reply("Stop!", "IT", "sms")).hasValueSatisfying(t -> assertThat(t).startsWith("Hai annullato"));
        assertThat(reply("STOP", "ES", "whatsapp")).as("STOP is not Spanish").hasValueSatisfying(
                t -> assertThat(t).startsWith("You are"));
        assertThat(reply("STOP", null, "messenger")).hasValueSatisfying(t -> assertThat(t).startsWith("You are"));
    }

    @Test
    void noConfirmationByEmailNorBySmsToNorthAmericaWhereTwilioAnswers() {
        assertThat(reply("STOP", "NL", "email")).isEmpty();
        assertThat(ConsentConfirmations.reply(ConsentKeywords.Intent.OPT_OUT, "STOP", Optional.of("US"), "sms",
                "+12025550123")).isEmpty();
        assertThat(ConsentConfirmations.reply(ConsentKeywords.Intent.OPT_IN, "START", Optional.of("NL"), "sms",
                "+31612345678")).hasValueSatisfying(t -> assertThat(t).startsWith("Je bent weer aangemeld"));
    }

    private static Optional<String> reply(String text, String country, String channel) {
        return ConsentConfirmations.reply(ConsentKeywords.Intent.OPT_OUT, text, Optional.ofNullable(country), channel,
                "+31612345678");
    }
}
