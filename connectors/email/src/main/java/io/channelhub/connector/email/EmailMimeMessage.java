package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID is the hub's own. Jakarta Mail would otherwise generate a random one
 * in {@code saveChanges()}; the hub needs {@code <hubMessageId@hub-domain>} to match bounces and replies.
 */
final class EmailMimeMessage extends MimeMessage {
    private final String messageId;

    EmailMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
