package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.OutboundMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Turns an {@link OutboundMessage} into the MIME message the tenant's mailbox sends: sender, recipient,
 * subject, body (plain text with an optional HTML alternative, or text plus an attachment for media),
 * threading headers for replies and the RFC 8058 one-click unsubscribe headers for marketing.
 */
final class EmailMimeComposer {
    private static final String UTF_8 = "UTF-8";

    private final EmailHubConfig hub;
    private final EmailAttachmentLoader attachments;

    EmailMimeComposer(EmailHubConfig hub, EmailAttachmentLoader attachments) {
        this.hub = hub;
        this.attachments = attachments;
    }

    MimeMessage compose(Session session, OutboundMessage m, EmailSettings s, String messageId)
            throws MessagingException {
        MimeMessage mime = new EmailMimeMessage(session, messageId);
        mime.setFrom(sender(m, s));
        mime.setRecipient(Message.RecipientType.TO, recipient(m));
        mime.setSentDate(Date.from(hub.clock().instant()));
        threading(mime, m);
        unsubscribe(mime, m);
        if (m.content() instanceof TextContent text) {
            mime.setSubject(subject(text.subject(), s), UTF_8);
            body(mime, text);
        } else if (m.content() instanceof MediaContent media) {
            mime.setSubject(subject(null, s), UTF_8);
            media(mime, media);
        } else {
            String kind = m.content() == null ? "nothing" : m.content().kind().wireName();
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null,
                    "email sends text and media, not " + kind);
        }
        mime.saveChanges();
        return mime;
    }

    private static InternetAddress sender(OutboundMessage m, EmailSettings s) {
        String name = m.from() != null && m.from().name() != null ? m.from().name() : s.fromName();
        try {
            return new InternetAddress(s.fromAddress(), name, UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InternetAddress recipient(OutboundMessage m) {
        if (m.to() == null || m.to().address() == null) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null, "no recipient address");
        }
        try {
            InternetAddress to = new InternetAddress(m.to().address().trim(), true);
            if (m.to().name() != null) {
                to.setPersonal(m.to().name(), UTF_8);
            }
            return to;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null,
                    "not an RFC 5322 address: " + m.to().address());
        }
    }

    private static String subject(String subject, EmailSettings s) {
        if (subject != null && !subject.isBlank()) {
            return subject;
        }
        return s.fromName() != null ? s.fromName() : "Message";
    }

    /** RFC 5322 §3.6.4: In-Reply-To is the parent; References is the parent's chain plus the parent. */
    private void threading(MimeMessage mime, OutboundMessage m) throws MessagingException {
        EmailHeaders parent = m.replyHeaders();
        String parentId = parent != null && parent.messageId() != null ? EmailMessageIds.bracketed(parent.messageId())
                : m.replyTo() != null ? replyToId(m.replyTo()) : null;
        if (parentId == null) {
            return;
        }
        List<String> references = new ArrayList<>();
        if (parent != null && parent.messageId() != null) {
            parent.references().forEach(r -> references.add(EmailMessageIds.bracketed(r)));
            if (references.isEmpty() && parent.inReplyTo() != null) {
                references.add(EmailMessageIds.bracketed(parent.inReplyTo()));
            }
        }
        references.add(parentId);
        mime.setHeader("In-Reply-To", parentId);
        mime.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
    }

    /** A bare hub id (a message the hub sent) becomes the Message-ID the hub gave that message. */
    private String replyToId(String replyTo) {
        String id = replyTo.trim();
        return EmailMessageIds.isHubId(id) ? EmailMessageIds.forHubMessage(id, hub.hubDomain())
                : EmailMessageIds.bracketed(id);
    }

    /** RFC 8058: an https URL the mail client POSTs to; a mailto or http URL would not be one-click. */
    private static void unsubscribe(MimeMessage mime, OutboundMessage m) throws MessagingException {
        if (m.category() != Category.MARKETING) {
            return;
        }
        String url = m.unsubscribeUrl();
        if (url == null || !url.trim().toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw new PermanentChannelException(ReasonCodes.INTERNAL_ERROR, null,
                    "a marketing email needs an https one-click unsubscribe URL and the hub gave none");
        }
        mime.setHeader("List-Unsubscribe", "<" + url.trim() + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    private static void body(MimeMessage mime, TextContent text) throws MessagingException {
        String plain = text.text() != null ? text.text() : EmailHtmlText.toPlain(text.html());
        if (text.html() == null || text.html().isBlank()) {
            mime.setText(plain, UTF_8);
            return;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plainPart = new MimeBodyPart();
        plainPart.setText(plain, UTF_8);
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(text.html(), UTF_8, "html");
        alternative.addBodyPart(plainPart);
        alternative.addBodyPart(htmlPart);
        mime.setContent(alternative);
    }

    /** The media as an attachment, and its link (when it has one) in the text for clients that hide attachments. */
    private void media(MimeMessage mime, MediaContent media) throws MessagingException {
        if (media.url() == null || media.url().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, "media without url");
        }
        EmailAttachmentLoader.Loaded loaded = attachments.load(media.url());
        StringBuilder text = new StringBuilder(media.caption() == null ? "" : media.caption());
        if (!EmailDataUri.isDataUri(media.url())) {
            text.append(text.length() == 0 ? "" : "\n\n").append(media.url().trim());
        }
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text.toString(), UTF_8);

        String mimeType = media.mimeType() != null ? media.mimeType()
                : loaded.mimeType() != null ? loaded.mimeType() : "application/octet-stream";
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(loaded.bytes(), mimeType)));
        file.setFileName(filename(media));
        file.setDisposition(Part.ATTACHMENT);
        // Jakarta Mail picks 7bit for ASCII-only bytes, and SMTP then rewrites their line ends: base64 keeps a
        // file byte for byte.
        file.setHeader("Content-Transfer-Encoding", "base64");

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart);
        mixed.addBodyPart(file);
        mime.setContent(mixed);
    }

    private static String filename(MediaContent media) {
        if (media.filename() != null && !media.filename().isBlank()) {
            return media.filename();
        }
        if (!EmailDataUri.isDataUri(media.url())) {
            try {
                String path = URI.create(media.url().trim()).getPath();
                if (path != null && path.lastIndexOf('/') < path.length() - 1) {
                    return path.substring(path.lastIndexOf('/') + 1);
                }
            } catch (IllegalArgumentException e) {
                // fall through to the generic name
            }
        }
        return media.mediaType() == null ? "attachment" : media.mediaType().wireName();
    }
}
