package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.QPDecoderStream;

/**
 * Undoes a part's Content-Transfer-Encoding as mailers really name and write it. Names outside RFC 2045
 * ({@code 7-bit}, {@code 8bits}, {@code quoted}, {@code base-64}, {@code x-uue}) are read by what they
 * resemble; anything else unknown is taken as unencoded, which {@code 7bit}, {@code 8bit} and {@code binary}
 * are. Broken base64 (stray characters, missing padding) and uuencode ({@link EmailUudecoder}) are decoded as
 * far as they go. Jakarta Mail is this lenient only with JVM-wide System properties
 * ({@code mail.mime.ignoreunknownencoding}, {@code mail.mime.base64.ignoreerrors}), so Angus Mail's decoder
 * streams are built here with the switch on; {@code ignoreunknownencoding} alone would also read
 * {@code quoted} as unencoded text.
 */
final class EmailTransferEncodings {
    private EmailTransferEncodings() {
    }

    /** The part's content with its transfer encoding undone; the raw bytes where decoding fails outright. */
    static byte[] decoded(Part part) throws MessagingException, IOException {
        String encoding = Objects.requireNonNullElse(EmailMimeHeaders.transferEncoding(part), "");
        if (encoding.contains("uuencode") || encoding.contains("uue")) {
            return EmailUudecoder.decode(undecoded(part));
        }
        try (InputStream in = decoder(raw(part), encoding)) {
            return in.readAllBytes();
        } catch (IOException e) {
            return undecoded(part);
        }
    }

    /** The part's content as it stands in the message, transfer encoding and all. */
    static byte[] undecoded(Part part) throws MessagingException, IOException {
        try (InputStream in = raw(part)) {
            return in.readAllBytes();
        }
    }

    private static InputStream decoder(InputStream raw, String encoding) {
        if (encoding.contains("base64") || encoding.contains("base-64")) {
            return new BASE64DecoderStream(raw, true);
        }
        if (encoding.startsWith("quoted") || encoding.equals("qp")) {
            return new QPDecoderStream(raw);
        }
        return raw;
    }

    private static InputStream raw(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return part.getInputStream();
    }
}
