package io.channelhub.connector.email;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Classifies SMTP failures (RFC 5321 §4.2.1): 4xx replies and connection problems may pass later,
 * 5xx replies will not, a refused login marks the connector's credentials bad. Server replies are kept in
 * the message (they carry no secret); the login itself never is.
 */
final class EmailSmtpFailures {
    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private EmailSmtpFailures() {
    }

    static ChannelException classify(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return PermanentChannelException.credentials(null, "SMTP server refused the login: " + reply(e));
        }
        SMTPAddressFailedException address = find(e, SMTPAddressFailedException.class);
        MessagingException replied = address != null ? address : firstReply(e);
        if (replied == null) {
            return TransientChannelException.unavailable("SMTP server unreachable or failed: "
                    + e.getClass().getSimpleName() + ": " + reply(e), e);
        }
        int code = returnCode(replied);
        String providerCode = String.valueOf(code);
        if (code == 530 || code == 535) {
            return PermanentChannelException.credentials(providerCode, "SMTP server wants other credentials: "
                    + reply(replied));
        }
        if (code >= 400 && code < 500) {
            return new TransientChannelException(ReasonCodes.PROVIDER_UNAVAILABLE, providerCode,
                    "SMTP server deferred the message: " + reply(replied), null, e);
        }
        String reason = address != null && isMailboxProblem(code, reply(replied))
                ? ReasonCodes.INVALID_ADDRESS : ReasonCodes.PROVIDER_REJECTED;
        return new PermanentChannelException(reason, providerCode, "SMTP server rejected the message: "
                + reply(replied));
    }

    /** 550/551/553 on RCPT mean no such mailbox, unless an enhanced code says otherwise (5.7.x: policy). */
    private static boolean isMailboxProblem(int code, String reply) {
        Matcher m = ENHANCED.matcher(reply);
        if (m.find()) {
            return m.group(2).equals("1");
        }
        return code == 550 || code == 551 || code == 553;
    }

    private static MessagingException firstReply(MessagingException e) {
        for (Exception x = e; x != null; x = next(x)) {
            if (x instanceof SMTPSendFailedException || x instanceof SMTPSenderFailedException) {
                return (MessagingException) x;
            }
        }
        return null;
    }

    private static <T extends Exception> T find(MessagingException e, Class<T> type) {
        for (Exception x = e; x != null; x = next(x)) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static int returnCode(MessagingException e) {
        if (e instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        return ((SMTPSendFailedException) e).getReturnCode();
    }

    private static Exception next(Exception x) {
        Exception next = x instanceof MessagingException me ? me.getNextException() : null;
        return next == x ? null : next;
    }

    private static String reply(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s+", " ");
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
