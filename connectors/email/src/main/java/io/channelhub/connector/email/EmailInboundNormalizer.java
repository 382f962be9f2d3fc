package io.channelhub.connector.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one polled RFC 822 message into a canonical event: a bounce into the status of the mail it returns
 * ({@link EmailBounceReader}), anything else into an inbound message (text with the quoted reply stripped,
 * HTML alternative, attachments, threading headers, auto-reply flag). Parses offline and leniently
 * ({@link EmailMimeTree}); attachments are referenced by {@code data:} URIs for {@link EmailMediaFetcher}.
 */
public final class EmailInboundNormalizer implements InboundNormalizer {
    private final EmailHubConfig hub;
    private final EmailBounceReader bounces;

    EmailInboundNormalizer(EmailHubConfig hub) {
        this.hub = hub;
        this.bounces = new EmailBounceReader(hub.hubDomain());
    }

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) {
        MimeMessage m = EmailReceivedMessage.parse(payload.body());
        List<EmailPart> parts;
        try {
            parts = EmailMimeTree.leaves(m);
        } catch (MessagingException | IOException e) {
            requireSender(m);
            return List.of(unreadable(m, e));
        }
        EmailBodyReader.Body body = EmailBodyReader.read(parts);
        try {
            Optional<StatusUpdate> status = bounces.read(m, parts, body.readableText(), hub.clock().instant());
            if (status.isPresent()) {
                return List.of(status.get());
            }
        } catch (MessagingException e) {
            // a report whose headers cannot be read is still a message from the mail server: deliver it as one
        }
        requireSender(m);
        return List.of(message(m, body));
    }

    /** Every message needs a From address (RFC 5322 §3.6): it is the contact. Without one it is not an email. */
    private static void requireSender(MimeMessage m) {
        try {
            Address[] from = m.getFrom();
            if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                    || address.getAddress() == null || !address.getAddress().contains("@")) {
                throw new MalformedPayloadException("not an RFC 822 message: no From address");
            }
        } catch (MessagingException e) {
            throw new MalformedPayloadException("not an RFC 822 message: unreadable From", e);
        }
    }

    private InboundMessage message(MimeMessage m, EmailBodyReader.Body body) {
        try {
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (!body.executables().isEmpty()) {
                metadata.put("executableAttachments", body.executables());
            }
            return message(m, text(m, body, metadata), body.attachments(), body.sources(), metadata);
        } catch (MessagingException e) {
            throw new MalformedPayloadException("unreadable email headers: " + e.getMessage(), e);
        }
    }

    /** A body the hub cannot take apart at all is still delivered, never dropped. */
    private InboundMessage unreadable(MimeMessage m, Exception e) {
        try {
            return message(m, unsupported(m, e), null, null, new LinkedHashMap<>());
        } catch (MessagingException headers) {
            throw new MalformedPayloadException("unreadable email headers: " + headers.getMessage(), headers);
        }
    }

    private InboundMessage message(MimeMessage m, Content content, List<MediaContent> attachments,
                                   List<MediaSource> sources, Map<String, Object> metadata) throws MessagingException {
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        String messageId = messageId(m);
        String inReplyTo = EmailMessageIds.parseList(m.getHeader("In-Reply-To", " ")).stream().findFirst()
                .orElse(null);
        List<String> references = EmailMessageIds.parseList(m.getHeader("References", " "));
        Instant timestamp = m.getSentDate() == null ? hub.clock().instant() : m.getSentDate().toInstant();
        if (EmailAutoReplies.isAutoReply(m) || EmailBounceSigns.isFromMailSystem(m)) {
            metadata.put("autoReply", true);
        }
        return new InboundMessage(party(from), recipient(m), from.getAddress().toLowerCase(Locale.ROOT), messageId,
                timestamp, content, inReplyTo, attachments, new EmailHeaders(messageId, inReplyTo, references), sources,
                metadata);
    }

    private static TextContent text(MimeMessage m, EmailBodyReader.Body body, Map<String, Object> metadata)
            throws MessagingException {
        String full = body.readableText();
        EmailQuoteStripper.Result stripped = EmailQuoteStripper.strip(full);
        if (stripped.stripped()) {
            metadata.put("fullText", full);
        }
        return new TextContent(stripped.text(), EmailEncodedWords.decode(m.getSubject()), body.html());
    }

    private static Content unsupported(MimeMessage m, Exception e) throws MessagingException {
        ObjectNode raw = HubJson.mapper().createObjectNode();
        raw.put("contentType", m.getContentType());
        raw.put("subject", EmailEncodedWords.decode(m.getSubject()));
        raw.put("error", e.getMessage());
        return new UnsupportedContent("email", raw);
    }

    /** The Message-ID; a message without one gets a stable stand-in so a re-offered copy is still a duplicate. */
    private static String messageId(MimeMessage m) throws MessagingException {
        List<String> ids = EmailMessageIds.parseList(m.getMessageID());
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String header : new String[] {"From", "Date", "Subject", "To"}) {
                String value = m.getHeader(header, ",");
                sha.update(String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return "<" + HexFormat.of().formatHex(sha.digest()).substring(0, 32) + "@no-message-id>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Party recipient(MimeMessage m) throws MessagingException {
        Address[] to = m.getRecipients(Message.RecipientType.TO);
        if (to == null || to.length == 0 || !(to[0] instanceof InternetAddress address)
                || address.getAddress() == null || address.getAddress().isBlank()) {
            return null; // "To: <>" names nobody: a party needs an address
        }
        return party(address);
    }

    private static Party party(InternetAddress address) {
        String name = address.getPersonal();
        return new Party(address.getAddress(), name == null || name.isBlank() ? null : name);
    }
}
