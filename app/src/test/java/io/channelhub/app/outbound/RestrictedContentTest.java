package io.channelhub.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.outbound.RestrictedContent.Kind;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Restricted content is recognised by its checksum, not its shape: Luhn for card numbers, ISO 13616 mod 97 for
 * IBANs, the 11-check for BSNs. The test numbers are the card networks' and banks' published test values.
 */
class RestrictedContentTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Mijn kaart is 4111 1111 1111 1111, vervaldatum 12/29 | CARD_NUMBER",
            "card 5500-0000-0000-0004 please | CARD_NUMBER",
            "amex 378282246310005 | CARD_NUMBER",
            "Maak over naar NL91 ABNA 0417 1643 00 graag | IBAN",
            "IBAN DE89370400440532013000 | IBAN",
            "BSN 111222333 bij de aanvraag | BSN",
            "burgerservicenummer 1112.22.333 | BSN"})
    void aNumberThatPassesItsChecksumIsFound(String text, Kind kind) {
        Set<Kind> found = EnumSet.noneOf(Kind.class);
        String masked = RestrictedContent.maskText(text, found);
        assertThat(found).containsExactly(kind);
        assertThat(masked).contains(kind.mask()).doesNotContainPattern("\\d{4}[ -]?\\d{4}[ -]?\\d{4}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Uw ordernummer is 4111 1111 1111 1112",
            "order 1234567890123456 verzonden",
            "NL91 ABNA 0417 1643 01 is geen geldig rekeningnummer",
            "referentie 111222334",
            "bel me op +31612345678 of 0612345678",
            "datum 2026-12-05, kenteken 12-ABC-3, postcode 1012 AB"})
    void aNumberOfTheSameShapeThatFailsTheChecksumIsLeftAlone(String text) {
        Set<Kind> found = EnumSet.noneOf(Kind.class);
        assertThat(RestrictedContent.maskText(text, found)).isEqualTo(text);
        assertThat(found).isEmpty();
    }

    @Test
    void everyTextOfTheContentIsScannedAndLinksAreNot() {
        RestrictedContent.Scan text = RestrictedContent.scan(new TextContent("zie bijlage", "Kaart 4111111111111111",
                "<p>IBAN NL91ABNA0417164300</p>"));
        assertThat(text.found()).containsExactlyInAnyOrder(Kind.CARD_NUMBER, Kind.IBAN);
        TextContent redacted = (TextContent) text.redacted();
        assertThat(redacted.subject()).isEqualTo("Kaart [card_number removed]");
        assertThat(redacted.html()).isEqualTo("<p>IBAN [iban removed]</p>");
        assertThat(redacted.text()).isEqualTo("zie bijlage");

        RestrictedContent.Scan template = RestrictedContent.scan(new TemplateContent("order_update", "nl",
                List.<Object>of("4111111111111111"), null));
        assertThat(template.found()).containsExactly(Kind.CARD_NUMBER);

        RestrictedContent.Scan link = RestrictedContent.scan(new MediaContent(MediaKind.IMAGE,
                "https://cdn.example.test/4111111111111111.jpg", "image/jpeg", null, "mooie auto", null));
        assertThat(link.found()).as("a link is not text").isEmpty();
    }
}
