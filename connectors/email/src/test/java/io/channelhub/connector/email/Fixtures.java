package io.channelhub.connector.email;

import io.channelhub.core.spi.InboundPayload;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads .eml fixtures and describes MIME messages for comparison. */
final class Fixtures {
    /** Every inbound fixture: each is a sample of the connector contract and a seed of the property tests. */
    static final List<String> INBOUND = List.of("attachments-pdf-and-image.eml",
            "auto-reply-out-of-office.eml", "base64-utf8.eml", "bounce-dsn-hub-message.eml",
            "bounce-dsn-returned-message.eml", "html-only.eml", "iso-8859-1-quoted-printable.eml",
            "multipart-alternative.eml", "plain.eml", "reply-with-quote-dutch.eml", "reply-with-quote-outlook.eml",
            "reply-with-quote.eml", "boundary-unquoted.eml", "filename-rfc2231.eml", "filename-rfc2047.eml",
            "filename-unquoted.eml", "utf8-headers-rfc6532.eml", "transfer-encoding-unknown.eml",
            "missing-start-boundary.eml", "uuencode-broken.eml", "forwarded-message-rfc822.eml", "attachment-gzip.eml",
            "attachment-octet-stream-named.eml", "bounce-postfix.eml", "bounce-exim.eml", "bounce-qmail.eml",
            "bounce-exchange-ndr.eml", "bounce-x-failed-recipients.eml", "bounce-bare-mailer-daemon.eml",
            "bounce-postmaster-auto-submitted.eml");

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/email/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InboundPayload inbound(String name) {
        return new InboundPayload(TestMailboxes.TENANT, "email", bytes("inbound/" + name),
                Map.of("Content-Type", "message/rfc822"), TestEnvironment.NOW);
    }

    static MimeMessage mime(String path) {
        try {
            return new MimeMessage(EmailSessions.offline(), new ByteArrayInputStream(bytes(path)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MIME tree as text, e.g. {@code multipart/mixed[text/plain,application/pdf]}. */
    static String outline(Part part) throws MessagingException, IOException {
        String type = new jakarta.mail.internet.ContentType(part.getContentType()).getBaseType().toLowerCase();
        if (part.getContent() instanceof Multipart multipart) {
            List<String> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add(outline(multipart.getBodyPart(i)));
            }
            return type + children.toString().replace(", ", ",");
        }
        return type;
    }

    /** Leaf parts in order, for comparing texts and attachment bytes. */
    static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                leaves.addAll(leaves(child));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }
}
