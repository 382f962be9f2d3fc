package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Message-ID of the mail a bounce returns. Where mail systems put it, in the order tried: the
 * returned message or its headers as a part ({@code message/rfc822}, {@code text/rfc822-headers}, their
 * RFC 6532 {@code message/global…} forms), the headers copied into the notice's text (Exim, qmail,
 * sendmail, Exchange's "Original message headers"), the bounce's own {@code In-Reply-To} and
 * {@code References} (Exchange and Gmail point them at the returned mail). A Message-ID the hub made wins
 * over one it did not, wherever found: it names the hub message for certain.
 */
final class EmailBouncedMessage {
    private static final Set<String> RETURNED_PARTS = Set.of("message/rfc822", "text/rfc822-headers",
            "message/rfc822-headers", "message/global", "message/global-headers");
    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*(<[^<>\\s]+>)");

    private EmailBouncedMessage() {
    }

    static Optional<String> messageId(MimeMessage bounce, List<EmailPart> parts, String text, String hubDomain)
            throws MessagingException {
        List<String> candidates = new ArrayList<>();
        for (EmailPart part : parts) {
            if (RETURNED_PARTS.contains(part.mimeType())) {
                InternetHeaders headers = EmailHeaderLines.load(new ByteArrayInputStream(part.bytes()));
                candidates.addAll(EmailMessageIds.parseList(headers.getHeader("Message-ID", " ")));
            }
        }
        if (text != null) {
            Matcher quoted = QUOTED_MESSAGE_ID.matcher(text);
            while (quoted.find()) {
                candidates.add(quoted.group(1));
            }
        }
        candidates.addAll(EmailMessageIds.parseList(bounce.getHeader("In-Reply-To", " ")));
        candidates.addAll(EmailMessageIds.parseList(bounce.getHeader("References", " ")));
        return candidates.stream().filter(id -> EmailMessageIds.hubMessageIdOf(id, hubDomain).isPresent()).findFirst()
                .or(() -> candidates.stream().findFirst());
    }
}
