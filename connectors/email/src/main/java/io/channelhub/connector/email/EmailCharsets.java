package io.channelhub.connector.email;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a header line or a text part into text when the mail's own label cannot be trusted:
 * no charset, an unknown one, {@code us-ascii} over 8-bit bytes, or raw 8-bit header values (RFC 6532
 * allows UTF-8 there; older mailers wrote their local charset). UTF-8 is tried first because its byte
 * patterns are too strict to match text in another charset by chance; otherwise windows-1252.
 */
final class EmailCharsets {
    /**
     * Windows mailers label windows-1252 text (€ at 0x80) as ISO-8859-1; like browsers (WHATWG Encoding),
     * read it as the superset. 0x80-0x9F are unused control codes in ISO-8859-1.
     */
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private EmailCharsets() {
    }

    /** Text of a part whose Content-Type named {@code declared} (may be null). */
    static String decode(byte[] bytes, String declared) {
        Charset charset = known(declared);
        if (charset == null || (charset.equals(StandardCharsets.US_ASCII) && !isAscii(bytes))) {
            return decodeUnlabelled(bytes);
        }
        return new String(bytes, charset.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : charset);
    }

    /** UTF-8 when the bytes are valid UTF-8, else windows-1252. */
    static String decodeUnlabelled(byte[] bytes) {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /**
     * A header line as Jakarta Mail read it without {@code mail.mime.allowutf8} (one char per byte), read
     * again as UTF-8 where it is that. Jakarta Mail's own setting reads every line as UTF-8, turning 8-bit
     * header values in other charsets into replacement characters. A line with characters above U+00FF was
     * decoded already (a JVM that sets {@code mail.mime.allowutf8} globally) and stays as it is.
     */
    static String rereadHeaderLine(String oneCharPerByte) {
        if (oneCharPerByte.chars().allMatch(c -> c < 0x80) || oneCharPerByte.chars().anyMatch(c -> c > 0xFF)) {
            return oneCharPerByte;
        }
        return decodeUnlabelled(oneCharPerByte.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Charset known(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name.trim()));
        } catch (IllegalArgumentException e) {
            return null; // unknown or malformed name: the bytes decide
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
