package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.MediaSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one Instagram {@code message} object (the person's, or an echo of the account's) to canonical content:
 * text, quick-reply answers, media, story mentions and shares. Gifs and stickers arrive as
 * {@code is_unsupported}; they and any shape not known here become {@code unsupported} content with the raw
 * message: delivered, never dropped.
 * https://developers.facebook.com/docs/instagram-platform/webhooks/examples
 */
final class InstagramContentMapper {

    /** Shared posts and reels: their url is a public page, not media to store. */
    private static final Set<String> SHARES = Set.of("share", "ig_reel", "reel", "ig_post", "post");
    static final String STORY_MENTION = "story_mention";

    /** Content, its media after the first, where to fetch each stored media item, and channel facts. */
    record MappedMessage(Content content, List<MediaContent> attachments, List<MediaSource> mediaSources,
                         Map<String, Object> metadata) {
    }

    private InstagramContentMapper() {
    }

    static MappedMessage map(JsonNode message) {
        if (message.path("is_unsupported").asBoolean(false)) {
            return unsupported("is_unsupported", message);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        String text = WebhookText.of(message, "text");
        String quickReply = WebhookText.of(message.path("quick_reply"), "payload");
        if (quickReply != null) {
            return new MappedMessage(new ChoiceResponseContent(quickReply, text), List.of(), List.of(), metadata);
        }
        List<MediaContent> media = new ArrayList<>();
        List<MediaSource> sources = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
            String type = WebhookText.of(attachment, "type");
            String url = WebhookText.of(attachment.path("payload"), "url");
            MediaKind kind = type == null ? null : mediaKind(type);
            if (STORY_MENTION.equals(type) && url != null) {
                // Meta forbids storing a story mention's media: the CDN link is passed on and nothing fetched
                media.add(new MediaContent(MediaKind.IMAGE, url, null, null, null, null));
                metadata.put("storyMention", true);
                metadata.put("mediaStored", false);
            } else if (kind != null && url != null) {
                media.add(new MediaContent(kind, null, null, null, null, null));
                sources.add(new MediaSource(url, null, null));
            } else if (type != null && SHARES.contains(type)) {
                shared.add(url != null ? url : "[" + type + "]");
            } else {
                return unsupported("attachment." + type, message);
            }
        }
        if (!shared.isEmpty()) {
            metadata.put("shares", shared);
        }
        Content content;
        if (text != null) {
            content = TextContent.of(text);
        } else if (!media.isEmpty()) {
            content = media.remove(0);
        } else if (!shared.isEmpty()) {
            content = TextContent.of(String.join("\n", shared));
        } else {
            return unsupported("message", message);
        }
        // a story mention has its url and no source: the sources are those of the media to store, in order
        return new MappedMessage(content, media, sources, metadata);
    }

    private static MediaKind mediaKind(String type) {
        return switch (type) {
            case "image" -> MediaKind.IMAGE;
            case "video" -> MediaKind.VIDEO;
            case "audio" -> MediaKind.AUDIO;
            case "file" -> MediaKind.DOCUMENT;
            default -> null;
        };
    }

    private static MappedMessage unsupported(String providerType, JsonNode message) {
        return new MappedMessage(new UnsupportedContent(providerType, message), List.of(), List.of(), Map.of());
    }
}
