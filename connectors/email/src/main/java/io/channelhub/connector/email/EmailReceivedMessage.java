package io.channelhub.connector.email;

import io.channelhub.core.error.MalformedPayloadException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A received RFC 822 message, its headers read with {@link EmailHeaderLines} (raw UTF-8 values kept as text). */
final class EmailReceivedMessage extends MimeMessage {

    private EmailReceivedMessage(byte[] raw) throws MessagingException {
        super(EmailSessions.offline(), new ByteArrayInputStream(raw));
    }

    static MimeMessage parse(byte[] raw) {
        try {
            return new EmailReceivedMessage(raw);
        } catch (MessagingException e) {
            throw new MalformedPayloadException("not an RFC 822 message: " + e.getMessage(), e);
        }
    }

    @Override
    protected InternetHeaders createInternetHeaders(InputStream is) throws MessagingException {
        return EmailHeaderLines.load(is);
    }
}
