package io.channelhub.connector.email;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.ProviderCall;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.util.List;
import java.util.Properties;

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

    /**
     * The message's headers and parts as SMTP DATA would carry them, composed without a connection. Media is
     * described, not fetched: composing it would download the attachment.
     */
    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        EmailSettings settings = EmailSettings.of(connector);
        requireConfiguredSender(message, settings);
        ObjectNode outline = JsonNodeFactory.instance.objectNode();
        if (message.content() instanceof MediaContent media) {
            outline.put("From", settings.fromAddress());
            outline.put("To", message.to() == null ? null : message.to().address());
            outline.putObject("attachment").put("url", media.url()).put("mimeType", media.mimeType())
                    .put("filename", media.filename());
            outline.put("text", media.caption());
            return List.of(new ProviderCall("SMTP DATA", outline));
        }
        String messageId = EmailMessageIds.forHubMessage(message.id(), hub.hubDomain());
        MimeMessage mime = compose(Session.getInstance(new Properties()), message, settings, messageId);
        try {
            for (String header : List.of("From", "To", "Subject", "Message-ID", "In-Reply-To", "References",
                    "List-Unsubscribe", "List-Unsubscribe-Post")) {
                String value = mime.getHeader(header, ", ");
                if (value != null) {
                    outline.put(header, MimeUtility.decodeText(value));
                }
            }
            parts(mime, outline.putArray("parts"));
        } catch (MessagingException | IOException e) {
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null,
                    "cannot outline the email: " + e.getMessage());
        }
        return List.of(new ProviderCall("SMTP DATA", outline));
    }

    private static void parts(Part part, ArrayNode out)
            throws MessagingException, IOException {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                parts(multipart.getBodyPart(i), out);
            }
            return;
        }
        ObjectNode node = out.addObject().put("contentType", part.getContentType());
        if (part.getContent() instanceof String text) {
            node.put("content", text);
        }
    }
}
