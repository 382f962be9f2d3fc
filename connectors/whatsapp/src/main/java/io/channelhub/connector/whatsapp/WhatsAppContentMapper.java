package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.MediaSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one webhook {@code messages[]} object to canonical content, by its {@code type}. A type this class
 * does not know, or a known type whose object is missing its essentials, becomes {@code unsupported}
 * content carrying the raw message: it is delivered, never dropped. Message types:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 */
final class WhatsAppContentMapper {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    /** Content, where to fetch its media from, and channel facts worth passing on. */
    record MappedContent(Content content, List<MediaSource> mediaSources, Map<String, Object> metadata) {
    }

    private WhatsAppContentMapper() {
    }

    static MappedContent map(JsonNode message) {
        String type = WebhookText.of(message, "type");
        Map<String, Object> metadata = new LinkedHashMap<>();
        List<MediaSource> mediaSources = new ArrayList<>();
        Content content = type == null ? null : switch (type) {
            case "text" -> text(message.path("text"));
            case "image", "audio", "video", "document", "sticker" ->
                    media(type, message.path(type), mediaSources, metadata);
            case "location" -> location(message.path("location"));
            case "contacts" -> contacts(message.path("contacts"));
            case "interactive" -> interactiveReply(message.path("interactive"));
            case "button" -> templateButtonReply(message.path("button"));
            case "reaction" -> reaction(message.path("reaction"));
            default -> null;
        };
        if (content == null) {
            content = new UnsupportedContent(unsupportedTypeName(type, message), message);
            mediaSources.clear();
            metadata.clear();
        }
        addContextFacts(message, metadata);
        return new MappedContent(content, mediaSources, metadata);
    }

    private static Content text(JsonNode text) {
        String body = WebhookText.of(text, "body");
        return body == null ? null : TextContent.of(body);
    }

    private static Content media(String type, JsonNode media, List<MediaSource> sources, Map<String, Object> metadata) {
        String mediaId = WebhookText.of(media, "id");
        if (mediaId == null) {
            return null;
        }
        String mimeType = WebhookText.of(media, "mime_type");
        String filename = WebhookText.of(media, "filename");
        sources.add(new MediaSource(mediaId, mimeType, filename));
        // Voice notes arrive as audio; newer payloads flag them with "voice": true.
        if (media.path("voice").isBoolean()) {
            metadata.put("voice", media.get("voice").booleanValue());
        }
        if (media.path("animated").isBoolean()) {
            metadata.put("animated", media.get("animated").booleanValue());
        }
        return new MediaContent(MediaKind.valueOf(type.toUpperCase(Locale.ROOT)), null, mimeType, filename,
                WebhookText.of(media, "caption"), null);
    }

    private static Content location(JsonNode location) {
        Double latitude = coordinate(location.get("latitude"));
        Double longitude = coordinate(location.get("longitude"));
        // Off the globe (or NaN) is no location, whatever a sender wrote: delivered as unsupported instead.
        if (latitude == null || longitude == null || !(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
            return null;
        }
        return new LocationContent(latitude, longitude, WebhookText.of(location, "name"),
                WebhookText.of(location, "address"));
    }

    private static Double coordinate(JsonNode node) {
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return node != null && node.isTextual() ? Double.valueOf(node.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Content contacts(JsonNode contacts) {
        if (!contacts.isArray() || contacts.isEmpty()) {
            return null;
        }
        List<ContactCard> cards = new ArrayList<>();
        for (JsonNode contact : contacts) {
            List<String> phones = new ArrayList<>();
            contact.path("phones").forEach(p -> addIfPresent(phones, WebhookText.of(p, "phone")));
            List<String> emails = new ArrayList<>();
            contact.path("emails").forEach(e -> addIfPresent(emails, WebhookText.of(e, "email")));
            cards.add(new ContactCard(contactName(contact.path("name")), phones, emails));
        }
        return new ContactsContent(cards);
    }

    private static String contactName(JsonNode name) {
        String formatted = WebhookText.of(name, "formatted_name");
        if (formatted != null) {
            return formatted;
        }
        String joined = String.join(" ",
                nonNull(WebhookText.of(name, "first_name"), WebhookText.of(name, "last_name")));
        return joined.isBlank() ? null : joined;
    }

    /** Answers to interactive buttons and lists the business sent; other kinds (Flows) stay unsupported. */
    private static Content interactiveReply(JsonNode interactive) {
        String kind = WebhookText.of(interactive, "type");
        if (!"button_reply".equals(kind) && !"list_reply".equals(kind)) {
            return null;
        }
        JsonNode reply = interactive.path(kind);
        String id = WebhookText.of(reply, "id");
        return id == null ? null : new ChoiceResponseContent(id, WebhookText.of(reply, "title"));
    }

    /** A template's quick-reply button: Meta gives the button's payload and its text. */
    private static Content templateButtonReply(JsonNode button) {
        String payload = WebhookText.of(button, "payload");
        String text = WebhookText.of(button, "text");
        if (payload == null && text == null) {
            return null;
        }
        return new ChoiceResponseContent(payload != null ? payload : text, text);
    }

    /** An empty or absent emoji means the user removed their reaction. */
    private static Content reaction(JsonNode reaction) {
        String messageId = WebhookText.of(reaction, "message_id");
        if (messageId == null) {
            return null;
        }
        JsonNode emoji = reaction.path("emoji");
        return new ReactionContent(emoji.isTextual() ? emoji.asText() : "", messageId);
    }

    private static String unsupportedTypeName(String type, JsonNode message) {
        if ("interactive".equals(type)) {
            String kind = WebhookText.of(message.path("interactive"), "type");
            return kind == null ? type : type + "." + kind;
        }
        return type == null ? "unknown" : type;
    }

    /** Click-to-WhatsApp ad referrals and forwarding flags. */
    private static void addContextFacts(JsonNode message, Map<String, Object> metadata) {
        if (message.path("referral").isObject()) {
            metadata.put("referral", HubJson.mapper().convertValue(message.get("referral"), JSON_OBJECT));
        }
        JsonNode context = message.path("context");
        if (context.path("forwarded").asBoolean(false)) {
            metadata.put("forwarded", true);
        }
        if (context.path("frequently_forwarded").asBoolean(false)) {
            metadata.put("frequentlyForwarded", true);
        }
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static List<String> nonNull(String... values) {
        List<String> list = new ArrayList<>();
        for (String v : values) {
            addIfPresent(list, v);
        }
        return list;
    }
}
