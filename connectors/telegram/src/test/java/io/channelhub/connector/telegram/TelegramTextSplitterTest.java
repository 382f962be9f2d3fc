package io.channelhub.connector.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where long text is cut. */
class TelegramTextSplitterTest {

    @Test
    void textWithinTheLimitIsOnePart() {
        assertThat(TelegramTextSplitter.split("kort", 10)).containsExactly("kort");
        assertThat(TelegramTextSplitter.split("0123456789", 10)).containsExactly("0123456789");
    }

    @Test
    void aParagraphBreakIsPreferredOverALineBreakOverASpace() {
        assertThat(TelegramTextSplitter.split("aaaa bbbb\ncc\n\ndd", 14)).containsExactly("aaaa bbbb\ncc", "dd");
        assertThat(TelegramTextSplitter.split("aaaa bbbb\ncc dd", 14)).containsExactly("aaaa bbbb", "cc dd");
        assertThat(TelegramTextSplitter.split("aaaa bbbb cc dd", 14)).containsExactly("aaaa bbbb cc", "dd");
    }

    @Test
    void wordsLongerThanTheLimitAreCutHard() {
        assertThat(TelegramTextSplitter.split("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void aSurrogatePairIsNeverCut() {
        String car = "\uD83D\uDE97";
        List<String> parts = TelegramTextSplitter.split("abc" + car + "def", 4);
        assertThat(parts).containsExactly("abc", car + "de", "f");
        assertThat(String.join("", parts)).isEqualTo("abc" + car + "def");
    }

    @Test
    void everyPartFitsAndNothingIsLost() {
        String text = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n").repeat(300);
        List<String> parts = TelegramTextSplitter.split(text, TelegramMessageRenderer.MAX_TEXT);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length())
                .isLessThanOrEqualTo(TelegramMessageRenderer.MAX_TEXT));
        assertThat(String.join("", parts).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }
}
