package io.channelhub.app.outbound;

import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelDescriptor;
import java.util.Set;

/**
 * Rich content on channels that lack it, decided once for every channel. A connector receives only content
 * its descriptor accepts.
 *
 * <ul>
 *   <li>choice → numbered text; a choice whose options carry actions (call, URL, map, calendar) too, on a
 *       channel without cards, because only channels with cards have action buttons: the text spells out
 *       each action's target after its title, so nothing the person could do is lost;</li>
 *   <li>card → its picture or video, captioned with the card's text (title, description, numbered options),
 *       where the channel takes media; else the card's text, with the media URL as a line. One outbound
 *       message carries one content, and a caption keeps the words with their picture;</li>
 *   <li>carousel → one text of all its cards, numbered (a carousel is a choice between cards, and one
 *       message keeps it together); media URLs as lines, each card's options as bullets;</li>
 *   <li>template → its fallback text.</li>
 * </ul>
 */
final class ContentDegradation {
    /** Kinds a channel captions; audio, documents and stickers lose or refuse a caption somewhere. */
    private static final Set<MediaKind> CAPTIONED = Set.of(MediaKind.IMAGE, MediaKind.VIDEO);

    private ContentDegradation() {
    }

    static boolean canCarry(Content content, ChannelDescriptor channel) {
        return channel.outboundContent().contains(degrade(content, channel).kind());
    }

    /** The content as the channel will carry it; the same object when nothing needs to change. */
    static Content degrade(Content content, ChannelDescriptor channel) {
        Set<ContentType> accepted = channel.outboundContent();
        if (content instanceof ChoiceContent choice && accepted.contains(ContentType.CHOICE)
                && hasActions(choice) && !accepted.contains(ContentType.CARD) && accepted.contains(ContentType.TEXT)) {
            return choice.asNumberedText();
        }
        if (accepted.contains(content.kind())) {
            return content;
        }
        if (content instanceof CardContent card && accepted.contains(ContentType.MEDIA) && captionable(card.media())) {
            String caption = card.caption();
            MediaContent media = card.media();
            return new MediaContent(media.mediaType(), media.url(), media.mimeType(), media.filename(),
                    caption.isBlank() ? null : caption, media.sizeBytes());
        }
        if (!accepted.contains(ContentType.TEXT)) {
            return content;
        }
        if (content instanceof ChoiceContent choice) {
            return choice.asNumberedText();
        }
        if (content instanceof CardContent card) {
            return card.asText();
        }
        if (content instanceof CarouselContent carousel) {
            return carousel.asText();
        }
        if (content instanceof TemplateContent template && template.fallbackText() != null
                && !template.fallbackText().isBlank()) {
            return TextContent.of(template.fallbackText());
        }
        return content;
    }

    private static boolean hasActions(ChoiceContent choice) {
        return choice.choices().stream().anyMatch(c -> c.action() != null);
    }

    private static boolean captionable(MediaContent media) {
        return media != null && media.url() != null && !media.url().isBlank() && CAPTIONED.contains(media.mediaType());
    }
}
