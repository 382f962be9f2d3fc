package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a message's headers say about it being a report from a mail system rather than mail from a person:
 * an RFC 3464 delivery report, the headers Exim ({@code X-Failed-Recipients}) and Exchange
 * ({@code X-MS-Exchange-Message-Is-Ndr}) put on bounces, a mail-system sender (MAILER-DAEMON, with or without
 * a domain, postmaster, "Mail Delivery System", Exchange's MicrosoftExchange… address), or an automatic one
 * (RFC 3834 {@code Auto-Submitted}, the null {@code Return-Path: <>}).
 */
final class EmailBounceSigns {
    private static final Pattern MAIL_SYSTEM_SENDER = Pattern.compile(
            "(?:^|[\\s<\"(])(?:mailer[-_]?daemon|mail[-_]?daemon|postmaster|microsoftexchange[0-9a-f]*)(?:$|[\\s@>\")])"
                    + "|mail delivery (?:sub)?system", Pattern.CASE_INSENSITIVE);

    private EmailBounceSigns() {
    }

    /** A report a mail system sent: a delivery report, a bounce header, or a mail-system sender. */
    static boolean isFromMailSystem(MimeMessage m) throws MessagingException {
        return isDeliveryReport(m) || hasBounceHeader(m) || hasMailSystemSender(m);
    }

    /** RFC 3464: {@code multipart/report; report-type=delivery-status}. */
    static boolean isDeliveryReport(MimeMessage m) throws MessagingException {
        ContentType type = EmailMimeHeaders.contentType(m);
        String reportType = type.getParameter("report-type");
        return type.match("multipart/report") && reportType != null
                && reportType.strip().toLowerCase(Locale.ROOT).endsWith("delivery-status");
    }

    /** A header only mail systems put on a bounce. */
    static boolean hasBounceHeader(MimeMessage m) throws MessagingException {
        return m.getHeader("X-Failed-Recipients") != null || m.getHeader("X-MS-Exchange-Message-Is-Ndr") != null;
    }

    /** From a mail system's own address. */
    private static boolean hasMailSystemSender(MimeMessage m) throws MessagingException {
        String from = m.getHeader("From", ",");
        return from != null && MAIL_SYSTEM_SENDER.matcher(from.strip()).find();
    }

    /** Sent automatically (RFC 3834), by a robot or a person's out-of-office rule alike. */
    static boolean isAutomatic(MimeMessage m) throws MessagingException {
        String autoSubmitted = m.getHeader("Auto-Submitted", ",");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String returnPath = m.getHeader("Return-Path", ",");
        return returnPath != null && returnPath.replaceAll("\\s", "").equals("<>");
    }
}
