package io.channelhub.connector.email;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.StatusUpdate;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a bounce into the status of the mail it returns: RFC 3464 delivery reports by their per-recipient
 * fields ({@code Action}, {@code Status}, {@code Diagnostic-Code}), every other bounce a mail system sends by
 * its notice ({@link EmailBounceText}) once its headers show it comes from a mail system
 * ({@link EmailBounceSigns}). A failure becomes {@code failed} with reason {@code bounced}; the mail is named
 * by its Message-ID ({@link EmailBouncedMessage}), and, when the hub made that id, by the hub message id in
 * it. Delay warnings, mail-system messages that report no failure and bounces that name no mail are no
 * status: they go on as messages, flagged as automatic.
 */
final class EmailBounceReader {
    private static final Pattern ADDR_SPEC = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\".]+");
    private static final List<String> DELIVERY_STATUS_PARTS = List.of("message/delivery-status",
            "message/global-delivery-status");
    private final String hubDomain;

    EmailBounceReader(String hubDomain) {
        this.hubDomain = hubDomain;
    }

    /** The status the bounce gives, or empty when the message is no bounce, or one the hub takes no status from. */
    Optional<StatusUpdate> read(MimeMessage m, List<EmailPart> parts, String text, Instant fallbackTime)
            throws MessagingException {
        Optional<InternetHeaders> recipient = EmailBounceSigns.isDeliveryReport(m) ? reportedRecipient(parts)
                : Optional.empty();
        DeliveryStatus status;
        Reason reason;
        if (recipient.isPresent()) {
            status = switch (value(recipient.get(), "Action").toLowerCase(Locale.ROOT)) {
                case "failed" -> DeliveryStatus.FAILED;
                case "delivered" -> DeliveryStatus.DELIVERED;
                default -> null;
            };
            reason = status == DeliveryStatus.FAILED ? new Reason(ReasonCodes.BOUNCED,
                    blankToNull(value(recipient.get(), "Diagnostic-Code")), statusCode(recipient.get()), false) : null;
        } else {
            Optional<EmailBounceText.Notice> notice = notice(m, text);
            if (notice.isEmpty()) {
                return Optional.empty();
            }
            status = notice.get().saysDelayed() ? null : DeliveryStatus.FAILED;
            reason = new Reason(ReasonCodes.BOUNCED, notice.get().diagnostic(), notice.get().statusCode(), false);
        }
        if (status == null) {
            return Optional.empty();
        }
        Optional<String> returned = EmailBouncedMessage.messageId(m, parts, text, hubDomain);
        String bouncedAddress = recipient.map(EmailBounceReader::reportedAddress)
                .orElseGet(() -> failedRecipientHeader(m));
        if (returned.isEmpty() && bouncedAddress == null) {
            return Optional.empty(); // nothing names the mail it returns: a status must name its message
        }
        Instant at = m.getSentDate() == null ? fallbackTime : m.getSentDate().toInstant();
        return Optional.of(new StatusUpdate(returned.orElse(null),
                returned.flatMap(id -> EmailMessageIds.hubMessageIdOf(id, hubDomain)).orElse(null), status, reason, at,
                bouncedAddress));
    }

    /**
     * The notice of a bounce that is no RFC 3464 report, or empty when the message is none. A mail system's
     * own headers or sender make it a bounce unless it reads as a delay warning; a message that is only
     * automatic (an out-of-office rule sends those too) must also give a failure and its status code in its
     * text, and its subject does not count.
     */
    private static Optional<EmailBounceText.Notice> notice(MimeMessage m, String text) throws MessagingException {
        boolean bounceHeader = EmailBounceSigns.hasBounceHeader(m);
        boolean mailSystem = EmailBounceSigns.isFromMailSystem(m);
        if (!mailSystem && !EmailBounceSigns.isAutomatic(m)) {
            return Optional.empty();
        }
        EmailBounceText.Notice notice = EmailBounceText.read(mailSystem ? m.getSubject() : null, text);
        boolean bounce = bounceHeader || (notice.saysFailed() && (mailSystem || notice.statusCode() != null));
        return bounce ? Optional.of(notice) : Optional.empty();
    }

    /**
     * The per-recipient block that matters: the first failed one, else the first one. A block without
     * {@code Action} is the per-message one (Reporting-MTA …), which some mail systems leave out: the blocks
     * are told apart by their fields, not by their place.
     */
    private static Optional<InternetHeaders> reportedRecipient(List<EmailPart> parts) throws MessagingException {
        for (EmailPart part : parts) {
            if (!DELIVERY_STATUS_PARTS.contains(part.mimeType())) {
                continue;
            }
            String[] blocks = new String(part.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").strip()
                    .split("\n[ \t]*\n");
            InternetHeaders first = null;
            for (String text : blocks) {
                InternetHeaders block = EmailHeaderLines.load(
                        new ByteArrayInputStream((text + "\n\n").getBytes(StandardCharsets.UTF_8)));
                String action = value(block, "Action");
                if (action.equalsIgnoreCase("failed")) {
                    return Optional.of(block);
                }
                first = first == null && !action.isEmpty() ? block : first;
            }
            if (first != null) {
                return Optional.of(first);
            }
        }
        return Optional.empty();
    }

    /** {@code Original-Recipient} (what the hub wrote) before {@code Final-Recipient}: "rfc822; jan@example.nl". */
    private static String reportedAddress(InternetHeaders recipient) {
        for (String field : new String[] {"Original-Recipient", "Final-Recipient"}) {
            String value = value(recipient, field);
            String address = mailbox(value.substring(value.indexOf(';') + 1));
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    /** Exim's header naming the failed addresses; the first is the one a hub message, sent to one, went to. */
    private static String failedRecipientHeader(MimeMessage m) {
        try {
            String header = m.getHeader("X-Failed-Recipients", ",");
            return header == null ? null : mailbox(header);
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The first addr-spec of a header value ("Jan <jan@example.nl>, …" → jan@example.nl), or null. */
    private static String mailbox(String value) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(value.strip(), false);
            String address = parsed.length == 0 ? null : parsed[0].getAddress();
            return address != null && ADDR_SPEC.matcher(address).matches() ? address : null;
        } catch (AddressException e) {
            return null;
        }
    }

    private static String statusCode(InternetHeaders recipient) {
        String status = value(recipient, "Status");
        return status.isEmpty() ? null : status.split("\\s+")[0];
    }

    private static String value(InternetHeaders headers, String name) {
        String v = headers.getHeader(name, " ");
        return v == null ? "" : v.replaceAll("\\s+", " ").strip();
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
