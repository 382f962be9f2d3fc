package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookFacts;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
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
 * Maps one webhook {@code message} object (a person's message or a Page's echo) to canonical content: text,
 * quick-reply answers, attachments (media, stickers, a location, shared links, reels and posts). A shape this
 * class does not know becomes {@code unsupported} content carrying the raw message: delivered, never dropped.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messages
 */
final class MessengerContentMapper {

    /** Shares: a link (fallback), a reel or a post. Their url is a public page, not media to store. */
    private static final Set<String> SHARES = Set.of("fallback", "share", "reel", "ig_reel", "post", "ig_post");

    /** Content, its media attachments after the first, where to fetch each media item, and channel facts. */
    record MappedMessage(Content content, List<MediaContent> attachments, List<MediaSource> mediaSources,
                         Map<String, Object> metadata) {
    }

    private MessengerContentMapper() {
    }

    static MappedMessage map(JsonNode message) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String text = WebhookText.of(message, "text");
        String quickReply = WebhookText.of(message.path("quick_reply"), "payload");
        if (quickReply != null) {
            return new MappedMessage(new ChoiceResponseContent(quickReply, text), List.of(), List.of(), metadata);
        }
        List<MediaContent> media = new ArrayList<>();
        List<MediaSource> sources = new ArrayList<>();
        List<Map<String, Object>> shares = new ArrayList<>();
        LocationContent location = null;
        for (JsonNode attachment : message.path("attachments")) {
            String type = WebhookText.of(attachment, "type");
            if (type == null) {
                return unsupported("attachment.unknown", message);
            }
            JsonNode payload = attachment.path("payload");
            MediaKind kind = mediaKind(type, payload);
            if (kind != null && WebhookText.of(payload, "url") != null) {
                media.add(new MediaContent(kind, null, null, null, null, null));
                sources.add(new MediaSource(WebhookText.of(payload, "url"), null, null));
                WebhookFacts.putIfPresent(metadata, "stickerId", WebhookText.of(payload, "sticker_id"));
            } else if (SHARES.contains(type)) {
                shares.add(share(type, attachment));
            } else if ("location".equals(type) && location == null) {
                location = location(payload);
                if (location == null) {
                    return unsupported("attachment.location", message);
                }
            } else {
                return unsupported("attachment." + type, message);
            }
        }
        if (!shares.isEmpty()) {
            metadata.put("shares", shares);
        }
        Content content;
        if (location != null) {
            if (!media.isEmpty() || text != null) {
                return unsupported("attachment.location", message);
            }
            content = location;
        } else if (text != null) {
            content = TextContent.of(text);
        } else if (!media.isEmpty()) {
            content = media.remove(0);
        } else if (!shares.isEmpty()) {
            content = TextContent.of(describe(shares));
        } else {
            return unsupported("message", message);
        }
        return new MappedMessage(content, media, sources, metadata);
    }

    /**
     * Since 2026-06-01 a sticker is {@code type: "sticker"} with a {@code sticker_id}; before 2026-08-30 Meta
     * also sent it in the older form, an {@code image} whose payload has a {@code sticker_id}.
     */
    private static MediaKind mediaKind(String type, JsonNode payload) {
        return switch (type) {
            case "image" -> payload.hasNonNull("sticker_id") ? MediaKind.STICKER : MediaKind.IMAGE;
            case "sticker" -> MediaKind.STICKER;
            case "video" -> MediaKind.VIDEO;
            case "audio" -> MediaKind.AUDIO;
            case "file" -> MediaKind.DOCUMENT;
            default -> null;
        };
    }

    /** A fallback attachment carries title and url beside its payload; reels and posts inside it. */
    private static Map<String, Object> share(String type, JsonNode attachment) {
        JsonNode payload = attachment.path("payload");
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("type", type);
        WebhookFacts.putIfPresent(share, "title", first(WebhookText.of(attachment, "title"), WebhookText.of(payload, "title")));
        WebhookFacts.putIfPresent(share, "url", first(WebhookText.of(attachment, "url"), WebhookText.of(payload, "url")));
        return share;
    }

    /** Title and url of each share, for a message that is nothing else. */
    private static String describe(List<Map<String, Object>> shares) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> share : shares) {
            String part = (text(share.get("title")) + "\n" + text(share.get("url"))).strip();
            parts.add(part.isEmpty() ? "[" + share.get("type") + "]" : part);
        }
        return String.join("\n\n", parts);
    }

    private static LocationContent location(JsonNode payload) {
        JsonNode coordinates = payload.path("coordinates");
        JsonNode lat = coordinates.path("lat");
        JsonNode lon = coordinates.path("long");
        // off the globe (or NaN) is no location: the message is then delivered as unsupported
        if (!lat.isNumber() || !lon.isNumber() || !(Math.abs(lat.doubleValue()) <= 90)
                || !(Math.abs(lon.doubleValue()) <= 180)) {
            return null;
        }
        return new LocationContent(lat.doubleValue(), lon.doubleValue(), null, null);
    }

    private static MappedMessage unsupported(String providerType, JsonNode message) {
        return new MappedMessage(new UnsupportedContent(providerType, message), List.of(), List.of(), Map.of());
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
