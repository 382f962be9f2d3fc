package io.channelhub.connector.email;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.StatusUpdate;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads RFC 3464 delivery status notifications ({@code multipart/report; report-type=delivery-status}):
 * a failed recipient becomes a {@code failed} status with reason {@code bounced}, matched to the hub
 * message by the Message-ID of the returned message ({@code message/rfc822} or
 * {@code text/rfc822-headers} part).
 */
final class EmailBounceReader {
    private final String hubDomain;

    EmailBounceReader(String hubDomain) {
        this.hubDomain = hubDomain;
    }

    static boolean isDeliveryReport(MimeMessage m) {
        try {
            if (!m.isMimeType("multipart/report")) {
                return false;
            }
            String type = new ContentType(m.getContentType()).getParameter("report-type");
            return type != null && type.equalsIgnoreCase("delivery-status");
        } catch (MessagingException e) {
            return false;
        }
    }

    /**
     * The status the report gives, or empty when it gives none the hub can use (a "delayed" warning,
     * or no returned Message-ID to match): the report then goes on as an ordinary message.
     */
    Optional<StatusUpdate> read(MimeMessage m, Instant fallbackTime) throws MessagingException, IOException {
        if (!(m.getContent() instanceof Multipart report)) {
            return Optional.empty();
        }
        InternetHeaders recipient = null;
        String originalId = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                recipient = finalRecipient(read(part));
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                originalId = new InternetHeaders(new ByteArrayInputStream(read(part))).getHeader("Message-ID", null);
            }
        }
        if (recipient == null || originalId == null) {
            return Optional.empty();
        }
        String action = value(recipient, "Action");
        DeliveryStatus status = switch (action == null ? "" : action.toLowerCase(Locale.ROOT)) {
            case "failed" -> DeliveryStatus.FAILED;
            case "delivered" -> DeliveryStatus.DELIVERED;
            default -> null;
        };
        if (status == null) {
            return Optional.empty();
        }
        String providerMessageId = EmailMessageIds.bracketed(originalId);
        Reason reason = status == DeliveryStatus.FAILED
                ? new Reason(ReasonCodes.BOUNCED, value(recipient, "Diagnostic-Code"), statusCode(recipient), false)
                : null;
        Instant at = m.getSentDate() == null ? fallbackTime : m.getSentDate().toInstant();
        return Optional.of(new StatusUpdate(providerMessageId,
                EmailMessageIds.hubMessageIdOf(providerMessageId, hubDomain).orElse(null), status, reason, at));
    }

    /**
     * The per-recipient block that matters: the first failed one, else the first one. The first block of
     * the part holds the per-message fields (Reporting-MTA …), the others one recipient each.
     */
    private static InternetHeaders finalRecipient(byte[] deliveryStatus) throws MessagingException {
        String[] blocks = new String(deliveryStatus, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .strip().split("\n[ \t]*\n");
        InternetHeaders first = null;
        for (int i = 1; i < blocks.length; i++) {
            InternetHeaders block = new InternetHeaders(
                    new ByteArrayInputStream((blocks[i] + "\n\n").getBytes(StandardCharsets.ISO_8859_1)));
            if (value(block, "Action") == null) {
                continue;
            }
            if ("failed".equalsIgnoreCase(value(block, "Action"))) {
                return block;
            }
            first = first == null ? block : first;
        }
        return first;
    }

    private static String statusCode(InternetHeaders recipient) {
        String status = value(recipient, "Status");
        return status == null ? null : status.split("\\s+")[0];
    }

    private static String value(InternetHeaders headers, String name) {
        String v = headers.getHeader(name, " ");
        return v == null ? null : v.replaceAll("\\s+", " ").strip();
    }

    private static byte[] read(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
