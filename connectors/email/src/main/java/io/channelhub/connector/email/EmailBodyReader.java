package io.channelhub.connector.email;

import io.channelhub.core.model.MediaContent;
import io.channelhub.core.spi.MediaSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a received message's body from its leaf parts ({@link EmailMimeTree}): the text/plain parts become
 * the text, the first text/html part the HTML, every other leaf (attachments, inline images, forwarded
 * messages) an attachment, stored under its declared or guessed type ({@link EmailAttachmentTypes}), whatever
 * that type is. Attachments that would run when opened are named in {@code executables} so the platform can
 * warn; they are delivered like any other.
 *
 * <p>An attachment travels to the media fetcher as a {@code data:} URI in its {@link MediaSource}: the
 * fetcher is only given the source, never the raw email. That doubles the attachment in the normalized
 * event (base64 adds a third); acceptable for mailbox-sized messages, and the hub's own size limits
 * still apply when it stores the media.
 */
final class EmailBodyReader {
    private static final String FORWARDED_MESSAGE_NAME = "message.eml";

    /** A message body: plain text and HTML (either may be null), the attachments in MIME order. */
    record Body(String text, String html, List<MediaContent> attachments, List<MediaSource> sources,
                List<String> executables) {

        /** The text a reader sees: the plain text, else a rendering of the HTML; empty when there is neither. */
        String readableText() {
            return text != null ? text : EmailHtmlText.toPlain(html);
        }
    }

    private EmailBodyReader() {
    }

    static Body read(List<EmailPart> leaves) {
        String text = null;
        String html = null;
        List<MediaContent> attachments = new ArrayList<>();
        List<MediaSource> sources = new ArrayList<>();
        List<String> executables = new ArrayList<>();
        for (EmailPart part : leaves) {
            if (part.isText()) {
                // Apple Mail splits a body around inline images into several text parts: keep them all.
                text = text == null ? part.text() : text + "\n" + part.text();
            } else if (part.isHtml() && html == null) {
                html = part.text();
            } else {
                EmailAttachmentTypes.Typed typed = EmailAttachmentTypes.of(part.mimeType(), part.filename());
                String filename = part.filename() == null && typed.mimeType().equals("message/rfc822")
                        ? FORWARDED_MESSAGE_NAME : part.filename();
                attachments.add(new MediaContent(typed.kind(), null, typed.mimeType(), filename, null,
                        (long) part.bytes().length));
                sources.add(new MediaSource(EmailDataUri.encode(typed.mimeType(), part.bytes()), typed.mimeType(),
                        filename));
                if (EmailAttachmentTypes.isExecutable(typed.mimeType(), filename)) {
                    executables.add(filename == null ? typed.mimeType() : filename);
                }
            }
        }
        return new Body(text, html, attachments, sources, executables);
    }
}
