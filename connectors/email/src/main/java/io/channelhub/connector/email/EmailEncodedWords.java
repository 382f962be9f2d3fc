package io.channelhub.connector.email;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.UnsupportedEncodingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words in header text (subjects, display names, file names) with Jakarta Mail's
 * {@link MimeUtility}. Its {@code decodeText} decodes only words set apart by white space unless the
 * JVM-wide System property {@code mail.mime.decodetext.strict} is false; many mailers glue them to plain
 * text ({@code "=?UTF-8?Q?Offerte?=.pdf"}, {@code Re:=?utf-8?B?…?=}), so those are decoded one by one here.
 */
final class EmailEncodedWords {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

    private EmailEncodedWords() {
    }

    static String decode(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        String decoded;
        try {
            decoded = MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            decoded = text;
        }
        Matcher word = ENCODED_WORD.matcher(decoded);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            word.appendReplacement(out, Matcher.quoteReplacement(decodeWord(word.group())));
        }
        word.appendTail(out);
        return out.toString();
    }

    private static String decodeWord(String word) {
        try {
            return MimeUtility.decodeWord(word);
        } catch (ParseException | UnsupportedEncodingException | IllegalArgumentException e) {
            return word; // an unknown charset or a broken word: the encoded form still tells something
        }
    }
}
