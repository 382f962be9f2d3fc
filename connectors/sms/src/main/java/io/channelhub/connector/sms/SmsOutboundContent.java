package io.channelhub.connector.sms;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import java.net.URI;
import java.util.List;

/**
 * What an SMS/MMS carries: a body and media URLs. The degradation rules for content SMS has no
 * equivalent of live here (the hub already degrades choice and template, this repeats it defensively):
 * choice → numbered text, template → its fallback text, media → MMS with the caption as body.
 * Anything else is refused as {@code unsupported_content}.
 */
record SmsOutboundContent(String body, List<URI> mediaUrls) {

    SmsOutboundContent {
        mediaUrls = List.copyOf(mediaUrls);
    }

    boolean isMms() {
        return !mediaUrls.isEmpty();
    }

    /** SMS segments for text; an MMS is billed as one message. */
    int billableUnits() {
        return isMms() ? 1 : SmsSegments.count(body);
    }

    static SmsOutboundContent of(Content content) {
        if (content instanceof TextContent text) {
            return textOnly(text.text());
        }
        if (content instanceof ChoiceContent choice) {
            return textOnly(choice.asNumberedText().text());
        }
        if (content instanceof TemplateContent template) {
            return textOnly(template.fallbackText());
        }
        if (content instanceof MediaContent media) {
            return new SmsOutboundContent(blankToNull(media.caption()), List.of(mediaUrl(media.url())));
        }
        throw unsupported("content type " + (content == null ? "null" : content.kind().wireName())
                + " cannot be sent by SMS");
    }

    private static SmsOutboundContent textOnly(String text) {
        if (text == null || text.isBlank()) {
            throw unsupported("an SMS needs a non-empty text");
        }
        return new SmsOutboundContent(text, List.of());
    }

    private static URI mediaUrl(String url) {
        if (url == null || url.isBlank()) {
            throw unsupported("MMS media needs a public URL Twilio can fetch");
        }
        try {
            URI uri = URI.create(url.trim());
            if (!uri.isAbsolute()) {
                throw unsupported("MMS media URL is not absolute");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw unsupported("MMS media URL is not a valid URI");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }
}
