package io.channelhub.connector.messenger;

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
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.MessageTag;
import io.channelhub.core.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an outbound message as Send API bodies for {@code POST /{version}/{page-id}/messages}. Reference:
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api
 */
final class MessengerMessageRenderer {

    static final int MAX_TEXT = 2000;

    private MessengerMessageRenderer() {
    }

    /**
     * The bodies to send, in order: one, or for media with a caption the attachment and then the caption as text
     * (a Messenger attachment has no caption).
     */
    static List<ObjectNode> render(OutboundMessage message) {
        Content content = message.content();
        List<ObjectNode> bodies = new ArrayList<>();
        if (content instanceof TextContent text) {
            putText(envelope(message, bodies), text.text());
        } else if (content instanceof MediaContent media) {
            putAttachment(envelope(message, bodies), media);
            if (media.caption() != null && !media.caption().isBlank()) {
                putText(envelope(message, bodies), media.caption());
            }
        } else if (content instanceof ChoiceContent choice) {
            MessengerChoiceRenderer.render(envelope(message, bodies), choice);
        } else if (content instanceof LocationContent location) {
            putText(envelope(message, bodies), locationText(location));
        } else if (content instanceof ContactsContent contacts) {
            putText(envelope(message, bodies), contactsText(contacts));
        } else {
            throw unsupported("messenger cannot send " + (content == null ? "empty" : content.kind().wireName())
                    + " content");
        }
        return bodies;
    }

    /**
     * A reaction is a sender action on the message reacted to; an empty emoji takes the Page's reaction back.
     * https://developers.facebook.com/docs/messenger-platform/send-messages/sender-actions
     */
    static ObjectNode reaction(OutboundMessage message, ReactionContent reaction) {
        if (reaction.messageId() == null || reaction.messageId().isBlank()) {
            throw unsupported("messenger reaction needs the mid of the message reacted to");
        }
        boolean remove = reaction.emoji() == null || reaction.emoji().isEmpty();
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.putObject("recipient").put("id", recipient(message));
        body.put("sender_action", remove ? "unreact" : "react");
        ObjectNode payload = body.putObject("payload").put("message_id", reaction.messageId());
        if (!remove) {
            payload.put("reaction", reaction.emoji());
        }
        return body;
    }

    /**
     * The recipient and {@code messaging_type} of every body, and the {@code message} object returned: inside the
     * 24 h window {@code RESPONSE}; with a tag (the hub sets one only where the window needs it)
     * {@code MESSAGE_TAG}. The hub id rides in {@code message.metadata}, so the echo of this send is known.
     */
    private static ObjectNode envelope(OutboundMessage message, List<ObjectNode> bodies) {
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.putObject("recipient").put("id", recipient(message));
        String tag = message.tag() == null ? null : message.tag().trim().toUpperCase(Locale.ROOT);
        if (tag == null || tag.isEmpty()) {
            body.put("messaging_type", "RESPONSE");
        } else if (MessengerConnector.DESCRIPTOR.messageTag(tag).isPresent()) {
            body.put("messaging_type", "MESSAGE_TAG").put("tag", tag);
        } else {
            throw new PermanentChannelException(ReasonCodes.TAG_NOT_ALLOWED, null,
                    "messenger has no message tag '" + message.tag() + "'; it has "
                            + MessengerConnector.DESCRIPTOR.messageTags().stream().map(MessageTag::name).toList());
        }
        ObjectNode payload = body.putObject("message");
        if (message.id() != null) {
            payload.put("metadata", MessengerEventMapper.OWN_SEND_PREFIX + message.id());
        }
        bodies.add(body);
        return payload;
    }

    private static String recipient(OutboundMessage message) {
        String address = message.to() == null || message.to().address() == null ? ""
                : message.to().address().trim();
        if (address.isEmpty()) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null,
                    "messenger message has no recipient");
        }
        return address;
    }

    static void putText(ObjectNode message, String text) {
        if (text == null || text.isBlank()) {
            throw unsupported("messenger text message without text");
        }
        if (MessengerChoiceRenderer.length(text) > MAX_TEXT) {
            throw unsupported("messenger text is longer than " + MAX_TEXT + " characters");
        }
        message.put("text", text);
    }

    /** Media goes by url, which Meta fetches; a sticker is an image, a document a file. */
    private static void putAttachment(ObjectNode message, MediaContent media) {
        if (media.mediaType() == null || media.url() == null || media.url().isBlank()) {
            throw unsupported("messenger media message needs a mediaType and a url");
        }
        String type = switch (media.mediaType()) {
            case IMAGE, STICKER -> "image";
            case VIDEO -> "video";
            case AUDIO -> "audio";
            case DOCUMENT -> "file";
        };
        message.putObject("attachment").put("type", type).putObject("payload")
                .put("url", media.url()).put("is_reusable", media.mediaType() == MediaKind.STICKER);
    }

    /** Messenger has no location message a Page can send: name, address and a map link. */
    private static String locationText(LocationContent location) {
        List<String> lines = new ArrayList<>();
        addIfPresent(lines, location.name());
        addIfPresent(lines, location.address());
        lines.add("https://www.google.com/maps/search/?api=1&query=" + location.latitude() + ","
                + location.longitude());
        return String.join("\n", lines);
    }

    /** Nor a contact card: each contact's name, phone numbers and email addresses, one per line. */
    private static String contactsText(ContactsContent contacts) {
        List<String> blocks = new ArrayList<>();
        for (ContactCard card : contacts.contacts()) {
            List<String> lines = new ArrayList<>();
            addIfPresent(lines, card.name());
            lines.addAll(card.phones());
            lines.addAll(card.emails());
            blocks.add(String.join("\n", lines));
        }
        return String.join("\n\n", blocks);
    }

    private static void addIfPresent(List<String> lines, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(value);
        }
    }

    static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }
}
