package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.GenericTemplate;
import io.channelhub.connector.meta.SendApiContent;
import io.channelhub.connector.meta.SendApiMessage;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders an outbound message as bodies for Instagram's {@code POST …/messages}. Text over Instagram's 1,000
 * characters is refused as {@code unsupported_content} before any call rather than split: parts of a split
 * message could fail one by one and reach the person out of their sense, while the platform knows best where
 * its own text may be cut. https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 */
final class InstagramMessageRenderer {

    static final int MAX_TEXT = 1000;
    /** The only reaction Instagram lets an account send. */
    private static final String LOVE = "love";
    private static final Set<String> LOVE_EMOJI = Set.of(LOVE, "\u2764", "\u2764\uFE0F");

    private InstagramMessageRenderer() {
    }

    /** How Instagram writes each kind of content; it sends nothing else as text. */
    private static final SendApiContent CONTENT = new SendApiContent(InstagramMessageRenderer::putText,
            InstagramMessageRenderer::putAttachment, InstagramChoiceRenderer::render, content -> null);

    /** Cards and carousels; Instagram has no call buttons */
    static final GenericTemplate TEMPLATE = new GenericTemplate(false);

    /** The bodies to send, in order (see {@link SendApiMessage#bodies}). */
    static List<ObjectNode> render(OutboundMessage message) {
        if (message.content() instanceof CardContent || message.content() instanceof CarouselContent) {
            List<ObjectNode> bodies = new ArrayList<>();
            ObjectNode body = SendApiMessage.add(message, InstagramConnector.DESCRIPTOR, bodies);
            TEMPLATE.attachment(message.content()).ifPresentOrElse(a -> body.set("attachment", a),
                    () -> putText(body, GenericTemplate.asText(message.content())));
            return bodies;
        }
        return SendApiMessage.bodies(message, InstagramConnector.DESCRIPTOR, CONTENT);
    }

    /** A reaction is a sender action on the message reacted to; an empty emoji takes the reaction back. */
    static ObjectNode reaction(OutboundMessage message, ReactionContent reaction) {
        boolean remove = reaction.emoji() == null || reaction.emoji().isEmpty();
        if (!remove && !LOVE_EMOJI.contains(reaction.emoji())) {
            throw unsupported("instagram accounts can react only with \u2764\uFE0F (love)");
        }
        return SendApiMessage.reaction(message, InstagramConnector.DESCRIPTOR, reaction.messageId(),
                remove ? null : LOVE);
    }

    static void putText(ObjectNode message, String text) {
        if (text == null || text.isBlank()) {
            throw unsupported("instagram text message without text");
        }
        if (length(text) > MAX_TEXT) {
            throw unsupported("instagram text is longer than " + MAX_TEXT + " characters (" + length(text) + ")");
        }
        message.put("text", text);
    }

    /** Media goes by url, which Meta fetches (image up to 8 MB, audio and video up to 25 MB). */
    private static void putAttachment(ObjectNode message, MediaContent media) {
        if (media.mediaType() == null || media.url() == null || media.url().isBlank()) {
            throw unsupported("instagram media message needs a mediaType and a url");
        }
        String type = switch (media.mediaType()) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case AUDIO -> "audio";
            case STICKER, DOCUMENT -> throw unsupported("instagram cannot send "
                    + media.mediaType().name().toLowerCase(Locale.ROOT) + " attachments");
        };
        message.putObject("attachment").put("type", type).putObject("payload").put("url", media.url());
    }

    /** Meta counts characters as people see them: code points, not UTF-16 units. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    static PermanentChannelException unsupported(String message) {
        return SendApiMessage.unsupported(message);
    }
}
