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
