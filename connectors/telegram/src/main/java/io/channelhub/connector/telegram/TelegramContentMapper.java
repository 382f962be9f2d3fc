package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.MediaSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a Bot API {@code Message} (https://core.telegram.org/bots/api#message). Media is referenced by
 * {@code file_id}, which the {@link TelegramMediaFetcher} turns into a download; entities (bold, links, …) are
 * dropped and the text kept as it reads. What has no canonical form (polls, dice, games, stories, …) becomes
 * {@code unsupported} with the message as Telegram sent it.
 */
final class TelegramContentMapper {

    /** Fields every message may carry beside its content: they name no kind of content. */
    private static final Set<String> ENVELOPE = Set.of("message_id", "message_thread_id", "from", "sender_chat",
            "sender_boost_count", "sender_business_bot", "date", "business_connection_id", "chat", "forward_origin",
            "is_topic_message", "is_automatic_forward", "reply_to_message", "external_reply", "quote", "reply_to_story",
            "via_bot", "edit_date", "has_protected_content", "is_from_offline", "media_group_id", "author_signature",
            "entities", "caption", "caption_entities", "show_caption_above_media", "has_media_spoiler",
            "link_preview_options", "effect_id", "reply_markup", "forward_from", "forward_from_chat",
            "forward_from_message_id", "forward_signature", "forward_sender_name", "forward_date");

    private TelegramContentMapper() {
    }

    /** Content, the media source of media content, and facts for the metadata. */
    record Mapped(Content content, List<MediaSource> mediaSources, Map<String, Object> metadata) {
    }

    static Mapped map(JsonNode message) {
        Optional<String> caption = BotJson.text(message, "caption");
        if (message.has("text")) {
            Optional<String> text = BotJson.text(message, "text");
            if (text.isPresent()) {
                return plain(TextContent.of(text.get()));
            }
        }
        // an animation also carries a `document` for old clients: it must be looked at first
        Optional<Mapped> media = media(message, "animation", MediaKind.VIDEO, "video/mp4", caption)
                .or(() -> photo(message, caption))
                .or(() -> media(message, "document", MediaKind.DOCUMENT, "application/octet-stream", caption))
                .or(() -> media(message, "audio", MediaKind.AUDIO, "audio/mpeg", caption))
                .or(() -> media(message, "voice", MediaKind.AUDIO, "audio/ogg", caption))
                .or(() -> media(message, "video", MediaKind.VIDEO, "video/mp4", caption))
                .or(() -> media(message, "video_note", MediaKind.VIDEO, "video/mp4", caption))
                .or(() -> sticker(message));
        if (media.isPresent()) {
            return media.get();
        }
        // a venue also carries its `location`: the venue says more
        return venue(message).or(() -> location(message.get("location"), null, null))
                .or(() -> contact(message))
                .orElseGet(() -> plain(new UnsupportedContent(providerType(message), message)));
    }

    private static Optional<Mapped> media(JsonNode message, String field, MediaKind kind, String defaultMime,
                                          Optional<String> caption) {
        JsonNode file = message.get(field);
        if (file == null || !file.isObject()) {
            return Optional.empty();
        }
        return fileMedia(file, kind, BotJson.text(file, "mime_type").orElse(defaultMime), caption.orElse(null),
                Map.of("telegramType", field));
    }

    /** Telegram sends every size it made of a photo: the largest is the one worth keeping. */
    private static Optional<Mapped> photo(JsonNode message, Optional<String> caption) {
        JsonNode sizes = message.get("photo");
        if (sizes == null || !sizes.isArray()) {
            return Optional.empty();
        }
        JsonNode best = null;
        for (JsonNode size : sizes) {
            if (BotJson.text(size, "file_id").isPresent() && (best == null || larger(size, best))) {
                best = size;
            }
        }
        return best == null ? Optional.empty()
                : fileMedia(best, MediaKind.IMAGE, "image/jpeg", caption.orElse(null), Map.of("telegramType", "photo"));
    }

    private static boolean larger(JsonNode a, JsonNode b) {
        long sizeA = BotJson.integer(a, "file_size").orElse(0L);
        long sizeB = BotJson.integer(b, "file_size").orElse(0L);
        if (sizeA != sizeB) {
            return sizeA > sizeB;
        }
        return pixels(a) >= pixels(b); // equal: the later one, Telegram lists sizes smallest first
    }

    private static long pixels(JsonNode size) {
        return BotJson.integer(size, "width").orElse(0L) * BotJson.integer(size, "height").orElse(0L);
    }

    private static Optional<Mapped> sticker(JsonNode message) {
        JsonNode sticker = message.get("sticker");
        if (sticker == null || !sticker.isObject()) {
            return Optional.empty();
        }
        String mime = sticker.path("is_animated").asBoolean(false) ? "application/x-tgsticker"
                : sticker.path("is_video").asBoolean(false) ? "video/webm" : "image/webp";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("telegramType", "sticker");
        BotJson.text(sticker, "emoji").ifPresent(e -> facts.put("stickerEmoji", e));
        return fileMedia(sticker, MediaKind.STICKER, mime, null, facts);
    }

    private static Optional<Mapped> fileMedia(JsonNode file, MediaKind kind, String mime, String caption,
                                              Map<String, Object> facts) {
        Optional<String> fileId = BotJson.text(file, "file_id");
        if (fileId.isEmpty()) {
            return Optional.empty();
        }
        String filename = BotJson.text(file, "file_name").orElse(null);
        Long size = BotJson.integer(file, "file_size").filter(s -> s >= 0).orElse(null);
        MediaContent content = new MediaContent(kind, null, mime, filename, caption, size);
        return Optional.of(new Mapped(content, List.of(new MediaSource(fileId.get(), mime, filename)), facts));
    }

    private static Optional<Mapped> venue(JsonNode message) {
        JsonNode venue = message.get("venue");
        if (venue == null || !venue.isObject()) {
            return Optional.empty();
        }
        return location(venue.get("location"), BotJson.text(venue, "title").orElse(null),
                BotJson.text(venue, "address").orElse(null));
    }

    private static Optional<Mapped> location(JsonNode location, String name, String address) {
        Optional<Double> latitude = BotJson.degrees(location, "latitude", 90);
        Optional<Double> longitude = BotJson.degrees(location, "longitude", 180);
        if (latitude.isEmpty() || longitude.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plain(new LocationContent(latitude.get(), longitude.get(), name, address)));
    }

    private static Optional<Mapped> contact(JsonNode message) {
        JsonNode contact = message.get("contact");
        if (contact == null || !contact.isObject()) {
            return Optional.empty();
        }
        List<String> phones = BotJson.text(contact, "phone_number").map(List::of).orElse(List.of());
        String name = BotJson.personName(contact);
        if (phones.isEmpty() && name == null) {
            return Optional.empty();
        }
        return Optional.of(plain(new ContactsContent(List.of(new ContactCard(name, phones, List.of())))));
    }

    private static String providerType(JsonNode message) {
        for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENVELOPE.contains(name)) {
                return "message." + name;
            }
        }
        return "message";
    }

    private static Mapped plain(Content content) {
        return new Mapped(content, List.of(), Map.of());
    }
}
