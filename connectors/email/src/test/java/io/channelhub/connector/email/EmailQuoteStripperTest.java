package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quote markers of the common mail clients, beyond those in the .eml fixtures. */
class EmailQuoteStripperTest {

    @Test
    void germanAttribution() {
        assertThat(EmailQuoteStripper.strip("Passt, danke.\n\nAm 20.11.2026 um 10:00 schrieb Dealer 42 <shop@dealer.example>:\n> Termin?")
                .text()).isEqualTo("Passt, danke.");
    }

    @Test
    void outlookHeaderBlockUnderARule() {
        String text = "Akkoord.\n\n________________________________\nVan: Dealer 42 <shop@dealer.example>\n"
                + "Verzonden: vrijdag 20 november 2026 10:00\nAan: Petra\nOnderwerp: Offerte\n\nHier de offerte.";
        assertThat(EmailQuoteStripper.strip(text).text()).isEqualTo("Akkoord.");
    }

    @Test
    void outlookHeaderBlockWithoutARule() {
        String text = "Akkoord.\n\nFrom: Dealer 42 <shop@dealer.example>\nSent: Friday, November 20, 2026 10:00\n"
                + "To: Petra\n\nHier de offerte.";
        assertThat(EmailQuoteStripper.strip(text).text()).isEqualTo("Akkoord.");
    }

    @Test
    void inlineAnswersKeepTheirTextAndLoseTheQuotedLines() {
        EmailQuoteStripper.Result r = EmailQuoteStripper.strip("> Welke kleur?\nBlauw.\n> Wanneer?\nZaterdag.");
        assertThat(r.text()).isEqualTo("Blauw.\nZaterdag.");
        assertThat(r.stripped()).isTrue();
    }

    @Test
    void textWithoutQuoteIsUntouched() {
        EmailQuoteStripper.Result r = EmailQuoteStripper.strip("On Monday I can come by.\nJan");
        assertThat(r.text()).isEqualTo("On Monday I can come by.\nJan");
        assertThat(r.stripped()).isFalse();
    }

    @Test
    void aMessageThatIsAllQuoteIsKeptWhole() {
        EmailQuoteStripper.Result r = EmailQuoteStripper.strip("> only a quote\n> nothing new");
        assertThat(r.text()).isEqualTo("> only a quote\n> nothing new");
        assertThat(r.stripped()).isFalse();
    }
}
