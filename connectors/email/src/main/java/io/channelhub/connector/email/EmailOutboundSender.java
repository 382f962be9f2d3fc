package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one message through the tenant's own SMTP server, always from the tenant's configured address.
 * The Message-ID is the hub's ({@code <hubMessageId@hub-domain>}) and is returned, brackets included,
 * as the provider message id, so bounces and replies that quote it match the hub message.
 * One SMTP conversation per call; no retries here.
 */
public final class EmailOutboundSender implements OutboundSender {
    private final EmailHubConfig hub;
    private final EmailMimeComposer composer;

    EmailOutboundSender(EmailHubConfig hub, EmailMimeComposer composer) {
        this.hub = hub;
        this.composer = composer;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        EmailSettings settings = EmailSettings.of(connector);
        requireConfiguredSender(message, settings);
        if (message.id() == null || message.id().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.INTERNAL_ERROR, null, "outbound email without hub id");
        }
        String messageId = EmailMessageIds.forHubMessage(message.id(), hub.hubDomain());
        Session session = EmailSessions.smtp(settings, hub);
        MimeMessage mime = compose(session, message, settings, messageId);
        String password = EmailSettings.password(connector);
        Transport transport = null;
        try {
            transport = session.getTransport(EmailSessions.smtpProtocol(settings));
            transport.connect(settings.smtpHost(), settings.smtpPort(), settings.login(), password);
            transport.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException e) {
            throw EmailSmtpFailures.classify(e);
        } finally {
            closeQuietly(transport);
        }
        return SendResult.of(messageId);
    }

    /** CONTRACT §6: the sender is always the tenant's configured address. */
    private static void requireConfiguredSender(OutboundMessage message, EmailSettings settings) {
        if (message.from() != null && message.from().address() != null
                && !message.from().address().trim().equalsIgnoreCase(settings.fromAddress())) {
            throw new PermanentChannelException(ReasonCodes.SENDER_NOT_ALLOWED, null,
                    "email is sent only from the tenant's configured address, not " + message.from().address());
        }
    }

    private MimeMessage compose(Session session, OutboundMessage message, EmailSettings settings, String messageId) {
        try {
            return composer.compose(session, message, settings, messageId);
        } catch (MessagingException e) {
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null,
                    "cannot build the email: " + e.getMessage());
        }
    }

    // The message is accepted once the server answered DATA; a failed QUIT must not make it look failed.
    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // nothing to report: the send itself succeeded or already failed with its own error
        }
    }
}
