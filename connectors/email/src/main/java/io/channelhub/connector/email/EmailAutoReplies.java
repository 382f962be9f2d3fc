package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognizes automatic replies (out-of-office, vacation notices, robots) so the hub can tell them from a
 * person's answer. RFC 3834 {@code Auto-Submitted} is the standard; the other headers and the subject
 * prefixes cover the servers and clients that do not set it.
 */
final class EmailAutoReplies {
    private static final Pattern SUBJECT = Pattern.compile(
            "^(out of (the )?office|automatic reply|auto(matic)?[ -]?reply|autoreply|auto:|afwezig"
                    + "|automatisch antwoord|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique)",
            Pattern.CASE_INSENSITIVE);

    private EmailAutoReplies() {
    }

    static boolean isAutoReply(MimeMessage m) throws MessagingException {
        String autoSubmitted = header(m, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (header(m, "X-Autoreply") != null || header(m, "X-Autorespond") != null) {
            return true;
        }
        String precedence = header(m, "Precedence");
        if (precedence != null && precedence.equalsIgnoreCase("auto_reply")) {
            return true;
        }
        String subject = m.getSubject();
        return subject != null && SUBJECT.matcher(subject.strip()).find();
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        String value = m.getHeader(name, ",");
        return value == null || value.isBlank() ? null : value.strip();
    }
}
