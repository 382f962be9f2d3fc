package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A multipart body split the way real mail needs: Jakarta Mail's parser with the lenient settings it
 * otherwise takes only from JVM-wide System properties, set here per instance (a connector keeps no global
 * state), body-part headers read by {@link EmailHeaderLines}, and a missing first boundary line put back.
 */
final class EmailMultipart extends MimeMultipart {
    /** Part headers right at the start of the body: the sender forgot the first boundary line. */
    private static final Pattern STARTS_WITH_PART_HEADER = Pattern.compile("\\A(?:[ \\t]*\\r?\\n)*content-[a-z-]+:",
            Pattern.CASE_INSENSITIVE);

    private EmailMultipart(byte[] body, String contentType) throws MessagingException {
        super(new ByteArrayDataSource(body, contentType));
    }

    /**
     * Splits {@code body}; {@code type} is the part's Content-Type as {@link EmailMimeHeaders} read it (an
     * unquoted boundary with {@code =} in it already quoted).
     */
    static EmailMultipart parse(byte[] body, ContentType type) throws MessagingException {
        String boundary = type.getParameter("boundary");
        byte[] repaired = boundary != null && startsWithPartHeaders(body)
                ? concat(("--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1), body) : body;
        EmailMultipart multipart = new EmailMultipart(repaired, type.toString());
        multipart.getCount(); // parses now, so that a broken body fails here and not while the parts are read
        return multipart;
    }

    @Override
    protected void initializeProperties() {
        ignoreMissingEndBoundary = true;
        ignoreMissingBoundaryParameter = true;
        ignoreExistingBoundaryParameter = false;
        allowEmpty = true;
    }

    @Override
    protected InternetHeaders createInternetHeaders(InputStream is) throws MessagingException {
        return EmailHeaderLines.load(is);
    }

    /** Jakarta Mail makes the parts of a shared stream (ours: a byte array) with ASCII-only headers. */
    @Override
    protected MimeBodyPart createMimeBodyPart(InputStream is) throws MessagingException {
        InternetHeaders headers = EmailHeaderLines.load(is);
        try {
            return createMimeBodyPart(headers, is.readAllBytes());
        } catch (IOException e) {
            throw new MessagingException("unreadable body part", e);
        }
    }

    private static boolean startsWithPartHeaders(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        return STARTS_WITH_PART_HEADER.matcher(head).find();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
