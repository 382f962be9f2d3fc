package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flattens a received message into its leaf parts, in MIME order, leniently: every header and body is read
 * with the fallbacks of {@link EmailMimeHeaders}, {@link EmailMultipart} and {@link EmailTransferEncodings},
 * so one odd part never costs the others. A multipart in which no part can be found (no boundary line at
 * all) is kept as text: its body is all there is to read.
 */
final class EmailMimeTree {
    /** Deeper nesting than any mailer makes; a guard against hostile messages, not a limit real mail meets. */
    private static final int MAX_DEPTH = 32;

    private EmailMimeTree() {
    }

    static List<EmailPart> leaves(Part message) throws MessagingException, IOException {
        List<EmailPart> leaves = new ArrayList<>();
        walk(message, 0, leaves);
        return leaves;
    }

    private static void walk(Part part, int depth, List<EmailPart> leaves) throws MessagingException, IOException {
        ContentType type = EmailMimeHeaders.contentType(part);
        if (type.getPrimaryType().equalsIgnoreCase("multipart") && depth < MAX_DEPTH) {
            // RFC 2045 §6.4: a multipart has no transfer encoding of its own (Jakarta Mail ignores one, too)
            byte[] body = EmailTransferEncodings.undecoded(part);
            EmailMultipart multipart = splitOrNull(body, type);
            if (multipart != null && multipart.getCount() > 0) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), depth + 1, leaves);
                }
            } else {
                leaves.add(new EmailPart("text/plain", null, false, null, body));
            }
            return;
        }
        ContentDisposition disposition = EmailMimeHeaders.disposition(part);
        String filename = EmailMimeHeaders.filename(disposition, type);
        boolean attachment = filename != null
                || (disposition != null && Part.ATTACHMENT.equalsIgnoreCase(disposition.getDisposition()));
        leaves.add(new EmailPart(type.getBaseType().toLowerCase(Locale.ROOT), type.getParameter("charset"),
                attachment, filename, EmailTransferEncodings.decoded(part)));
    }

    private static EmailMultipart splitOrNull(byte[] body, ContentType type) {
        try {
            return EmailMultipart.parse(body, type);
        } catch (MessagingException e) {
            return null;
        }
    }
}
