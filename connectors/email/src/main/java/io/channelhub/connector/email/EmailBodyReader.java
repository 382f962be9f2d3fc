package io.channelhub.connector.email;

import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.spi.MediaSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks a message's MIME tree once: the text/plain body parts become the text, the first text/html part
 * the HTML, every other leaf (attachments, inline images, attached messages) an attachment. Transfer encodings
 * (quoted-printable, base64) and charsets are decoded here.
 *
 * <p>An attachment travels to the media fetcher as a {@code data:} URI in its {@link MediaSource}: the
 * fetcher is only given the source, never the raw email. That doubles the attachment in the normalized
 * event (base64 adds a third); acceptable for mailbox-sized messages, and the hub's own size limits
 * still apply when it stores the media.
 */
final class EmailBodyReader {

    /** A message body: plain text and HTML (either may be null) and the attachments in MIME order. */
    record Body(String text, String html, List<MediaContent> attachments, List<MediaSource> sources) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private EmailBodyReader() {
    }

    static Body read(Part message) throws MessagingException, IOException {
        Collector c = new Collector();
        c.walk(message);
        return new Body(c.text, c.html, c.attachments, c.sources);
    }

    private static final class Collector {
        private String text;
        private String html;
        private final List<MediaContent> attachments = new ArrayList<>();
        private final List<MediaSource> sources = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        walk(child);
                    }
                    return;
                }
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attachment && part.isMimeType("text/plain")) {
                // Apple Mail splits a body around inline images into several text parts: keep them all.
                text = text == null ? readText(part) : text + "\n" + readText(part);
            } else if (!attachment && part.isMimeType("text/html") && html == null) {
                html = readText(part);
            } else {
                attach(part);
            }
        }

        private void attach(Part part) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String mimeType = baseType(part.getContentType());
            String filename = filename(part, mimeType);
            attachments.add(new MediaContent(kind(mimeType), null, mimeType, filename, null, (long) bytes.length));
            sources.add(new MediaSource(EmailDataUri.encode(mimeType, bytes), mimeType, filename));
        }
    }

    static String readText(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        return new String(bytes, charset(part.getContentType()));
    }

    private static Charset charset(String contentType) {
        try {
            String name = new ContentType(contentType).getParameter("charset");
            if (name != null) {
                Charset charset = Charset.forName(MimeUtility.javaCharset(name.trim()));
                // Windows mailers label windows-1252 text (€ at 0x80) as ISO-8859-1; like browsers (WHATWG
                // Encoding), read it as the superset. 0x80-0x9F are unused control codes in ISO-8859-1.
                return charset.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : charset;
            }
        } catch (ParseException | IllegalArgumentException e) {
            // unknown or malformed charset: read as the most likely one below
        }
        return StandardCharsets.UTF_8;
    }

    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException | NullPointerException e) {
            return "application/octet-stream";
        }
    }

    private static String filename(Part part, String mimeType) throws MessagingException {
        String name = part.getFileName();
        if (name != null && name.contains("=?")) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // keep the encoded form: still a usable name
            }
        }
        if (name == null || name.isBlank()) {
            return mimeType.equals("message/rfc822") ? "message.eml" : null;
        }
        return name;
    }

    static MediaKind kind(String mimeType) {
        if (mimeType.startsWith("image/")) {
            return MediaKind.IMAGE;
        }
        if (mimeType.startsWith("audio/")) {
            return MediaKind.AUDIO;
        }
        if (mimeType.startsWith("video/")) {
            return MediaKind.VIDEO;
        }
        return MediaKind.DOCUMENT;
    }
}
