package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.OutboundMessage;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders an outbound message as the body of {@code POST /{version}/{phone-number-id}/messages}. Reference:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages
 */
final class WhatsAppMessageRenderer {

    /** Metadata flag the core platform may set to force ({@code true}) or suppress link previews. */
    static final String PREVIEW_URL = "previewUrl";

    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://\\S+");

    private WhatsAppMessageRenderer() {
    }

    static ObjectNode render(OutboundMessage message) {
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        addRecipient(body, message.to());
        Content content = message.content();
        if (content instanceof TextContent text) {
            addText(body, text.text(), message.metadata());
        } else if (content instanceof MediaContent media) {
            addMedia(body, media);
        } else if (content instanceof LocationContent location) {
            addLocation(body, location);
        } else if (content instanceof ContactsContent contacts) {
            addContacts(body, contacts);
        } else if (content instanceof ReactionContent reaction) {
            addReaction(body, reaction);
        } else if (content instanceof TemplateContent template) {
            addTemplate(body, template);
        } else if (content instanceof ChoiceContent choice) {
            WhatsAppChoiceRenderer.render(body, choice, message.metadata());
        } else {
            throw unsupported("whatsapp cannot send " + (content == null ? "empty" : content.kind().wireName())
                    + " content");
        }
        // Meta ignores context on reactions: the reacted message is already named.
        if (message.replyTo() != null && !(content instanceof ReactionContent)) {
            body.putObject("context").put("message_id", message.replyTo());
        }
        // Echoed in every status webhook of this message: lets statuses find the hub id directly.
        if (message.id() != null) {
            body.put("biz_opaque_callback_data", message.id());
        }
        return body;
    }

    /** Phone numbers go in {@code to} as digits; business-scoped user ids go in {@code recipient}. */
    private static void addRecipient(ObjectNode body, Party to) {
        String address = to == null || to.address() == null ? "" : to.address().trim();
        if (address.isEmpty()) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null, "whatsapp message has no recipient");
        }
        if (WhatsAppAddresses.isBsuid(address)) {
            body.put("recipient", address);
        } else {
            body.put("to", WhatsAppAddresses.toGraphPhone(address));
        }
    }

    static void addText(ObjectNode body, String text, Map<String, Object> metadata) {
        if (text == null || text.isEmpty()) {
            throw unsupported("whatsapp text message without text");
        }
        body.put("type", "text");
        ObjectNode node = body.putObject("text");
        node.put("preview_url", previewUrl(text, metadata.get(PREVIEW_URL)));
        node.put("body", text);
    }

    private static boolean previewUrl(String text, Object flag) {
        if (flag instanceof Boolean b) {
            return b;
        }
        if (flag instanceof String s && ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s))) {
            return Boolean.parseBoolean(s);
        }
        return URL.matcher(text).find();
    }

    /** Media is sent by link; Meta fetches it. Audio and stickers take no caption, only documents a filename. */
    private static void addMedia(ObjectNode body, MediaContent media) {
        if (media.mediaType() == null || media.url() == null || media.url().isBlank()) {
            throw unsupported("whatsapp media message needs a mediaType and a url");
        }
        String type = media.mediaType().wireName();
        body.put("type", type);
        ObjectNode node = body.putObject(type);
        node.put("link", media.url());
        boolean captioned = media.mediaType() == MediaKind.IMAGE || media.mediaType() == MediaKind.VIDEO
                || media.mediaType() == MediaKind.DOCUMENT;
        if (captioned && media.caption() != null && !media.caption().isBlank()) {
            node.put("caption", media.caption());
        }
        if (media.mediaType() == MediaKind.DOCUMENT && media.filename() != null) {
            node.put("filename", media.filename());
        }
    }

    private static void addLocation(ObjectNode body, LocationContent location) {
        body.put("type", "location");
        ObjectNode node = body.putObject("location");
        node.put("latitude", location.latitude());
        node.put("longitude", location.longitude());
        putIfPresent(node, "name", location.name());
        putIfPresent(node, "address", location.address());
    }

    /** Meta requires {@code name.formatted_name} plus one name part for each contact. */
    private static void addContacts(ObjectNode body, ContactsContent contacts) {
        if (contacts.contacts().isEmpty()) {
            throw unsupported("whatsapp contacts message without contacts");
        }
        body.put("type", "contacts");
        ArrayNode list = body.putArray("contacts");
        for (ContactCard card : contacts.contacts()) {
            ObjectNode contact = list.addObject();
            String name = card.name() != null && !card.name().isBlank() ? card.name()
                    : !card.phones().isEmpty() ? card.phones().get(0) : "Contact";
            contact.putObject("name").put("formatted_name", name).put("first_name", name);
            if (!card.phones().isEmpty()) {
                ArrayNode phones = contact.putArray("phones");
                card.phones().forEach(p -> phones.addObject().put("phone", p));
            }
            if (!card.emails().isEmpty()) {
                ArrayNode emails = contact.putArray("emails");
                card.emails().forEach(e -> emails.addObject().put("email", e));
            }
        }
    }

    private static void addReaction(ObjectNode body, ReactionContent reaction) {
        if (reaction.messageId() == null || reaction.messageId().isBlank()) {
            throw unsupported("whatsapp reaction needs the provider id of the message reacted to");
        }
        body.put("type", "reaction");
        body.putObject("reaction").put("message_id", reaction.messageId())
                .put("emoji", reaction.emoji() == null ? "" : reaction.emoji());
    }

    /**
     * Plain-string parameters fill the body's {{1}}, {{2}}, … in order; map parameters are Meta template
     * components and pass through unchanged (headers, buttons, currency, …).
     */
    private static void addTemplate(ObjectNode body, TemplateContent template) {
        if (template.name() == null || template.name().isBlank() || template.language() == null
                || template.language().isBlank()) {
            throw unsupported("whatsapp template needs a name and a language");
        }
        body.put("type", "template");
        ObjectNode node = body.putObject("template");
        node.put("name", template.name());
        node.putObject("language").put("code", template.language());
        List<Object> parameters = template.parameters();
        if (parameters.isEmpty()) {
            return;
        }
        ArrayNode components = node.putArray("components");
        if (parameters.stream().allMatch(WhatsAppMessageRenderer::isComponent)) {
            parameters.forEach(p -> components.add(HubJson.mapper().<JsonNode>valueToTree(p)));
        } else if (parameters.stream().noneMatch(p -> p == null || isComponent(p) || p instanceof Iterable<?>)) {
            ObjectNode bodyComponent = components.addObject().put("type", "body");
            ArrayNode values = bodyComponent.putArray("parameters");
            parameters.forEach(p -> values.addObject().put("type", "text").put("text", String.valueOf(p)));
        } else {
            throw unsupported("whatsapp template parameters must be all strings or all components");
        }
    }

    private static boolean isComponent(Object parameter) {
        return parameter instanceof Map<?, ?> || parameter instanceof JsonNode node && node.isObject();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }
}
