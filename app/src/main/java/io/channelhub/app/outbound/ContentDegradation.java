package io.channelhub.app.outbound;

import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelDescriptor;

/**
 * Rich content on channels that lack it, decided once for every channel: a choice becomes a numbered
 * text, a template its fallback text. A connector receives only content its descriptor accepts.
 */
final class ContentDegradation {
    private ContentDegradation() {
    }

    static boolean canCarry(Content content, ChannelDescriptor channel) {
        return channel.outboundContent().contains(content.kind()) || degrade(content, channel) != content;
    }

    /** The content as the channel will carry it; the same object when nothing needs to change. */
    static Content degrade(Content content, ChannelDescriptor channel) {
        if (channel.outboundContent().contains(content.kind())
                || !channel.outboundContent().contains(ContentType.TEXT)) {
            return content;
        }
        if (content instanceof ChoiceContent choice) {
            return choice.asNumberedText();
        }
        if (content instanceof TemplateContent template && template.fallbackText() != null
                && !template.fallbackText().isBlank()) {
            return TextContent.of(template.fallbackText());
        }
        return content;
    }
}
