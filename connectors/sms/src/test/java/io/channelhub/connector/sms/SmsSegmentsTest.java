package io.channelhub.connector.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.connector.sms.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsSegmentsTest {

    @Test
    void plainGsmTextFitsOneSegmentUpTo160Characters() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.encodingOf("a".repeat(160))).isEqualTo(Encoding.GSM_7);
    }

    @Test
    void the161stGsmCharacterMakesTwoSegmentsOf153() {
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(459))).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(460))).isEqualTo(4);
    }

    @Test
    void gsmBasicTableIncludesAccentsAndGreekCapitals() {
        String text = "Prijs: £15, à Genève ÄÖÑÜäöñü ΔΦΓΛΩΠΨΣΘΞ ¿¡ @$_\n";
        assertThat(SmsSegments.encodingOf(text)).isEqualTo(Encoding.GSM_7);
    }

    @Test
    void extensionTableCharactersCountTwice() {
        assertThat(SmsSegments.encodingOf("€[]{}|^~\\")).isEqualTo(Encoding.GSM_7);
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).as("162 septets").isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(159) + "€")).as("161 septets").isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(158) + "€")).as("160 septets").isEqualTo(1);
    }

    @Test
    void anEscapedCharacterIsNeverSplitAcrossParts() {
        // 152 + 2 septets do not fit a 153-septet part: the euro sign moves to the second part.
        assertThat(SmsSegments.count("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(151) + "€" + "a".repeat(153))).isEqualTo(2);
    }

    @Test
    void anyNonGsmCharacterSwitchesToUcs2With70Units() {
        assertThat(SmsSegments.encodingOf("Ça va? ç")).as("small c cedilla is not GSM-7").isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.count("ж".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("ж".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(134))).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(135))).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(150) + "ж")).as("one Cyrillic letter in a long text")
                .isEqualTo(3);
    }

    @Test
    void emojiTakeTwoUtf16UnitsAndAreNeverSplit() {
        String car = "\uD83D\uDE97";
        assertThat(SmsSegments.encodingOf(car)).isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.count(car.repeat(35))).as("70 units").isEqualTo(1);
        assertThat(SmsSegments.count(car.repeat(36))).as("72 units").isEqualTo(2);
        // 66 units + a surrogate pair: the pair moves to the next 67-unit part.
        assertThat(SmsSegments.count("a".repeat(66) + car + "a".repeat(66))).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(65) + car + "a".repeat(67))).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"'', 1", "Hallo, 1", "'Is de auto nog beschikbaar?', 1"})
    void shortTexts(String text, int segments) {
        assertThat(SmsSegments.count(text)).isEqualTo(segments);
    }

    @Test
    void nullIsOneEmptySegment() {
        assertThat(SmsSegments.count(null)).isEqualTo(1);
    }
}
