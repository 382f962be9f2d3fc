package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.InputStream;
import java.util.Enumeration;

/**
 * Reads a header block (of a message or of a body part) so that raw 8-bit values come out as the text
 * they are: UTF-8 (RFC 6532) where the bytes are UTF-8, else windows-1252. Jakarta Mail offers this only
 * as the JVM-wide System property {@code mail.mime.allowutf8} (read once, when its classes load), and the
 * per-session property reads every line as UTF-8; a connector keeps no global state, so it does it here.
 */
final class EmailHeaderLines {
    private EmailHeaderLines() {
    }

    static InternetHeaders load(InputStream in) throws MessagingException {
        InternetHeaders oneCharPerByte;
        try {
            oneCharPerByte = new InternetHeaders(in, false);
        } catch (IndexOutOfBoundsException e) {
            // Jakarta Mail's own parser fails so on a header block that starts with a continuation line
            throw new MessagingException("a header block that starts with a continuation line");
        }
        InternetHeaders decoded = new InternetHeaders();
        for (Enumeration<String> lines = oneCharPerByte.getAllHeaderLines(); lines.hasMoreElements(); ) {
            decoded.addHeaderLine(EmailCharsets.rereadHeaderLine(lines.nextElement()));
        }
        return decoded;
    }
}
