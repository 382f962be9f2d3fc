package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.GenericTemplate;
import io.channelhub.connector.meta.SendApiContent;
import io.channelhub.connector.meta.SendApiMessage;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an outbound message as Send API bodies for {@code POST /{version}/{page-id}/messages}. Reference:
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api
 */
final class MessengerMessageRenderer {

    static final int MAX_TEXT = 2000;

    private MessengerMessageRenderer() {
    }

    /** How Messenger writes each kind of content; location and contacts go as text. */
    private static final SendApiContent CONTENT = new SendApiContent(MessengerMessageRenderer::putText,
            MessengerMessageRenderer::putAttachment, MessengerChoiceRenderer::render, MessengerMessageRenderer::asText);

    /** Cards and carousels; with call buttons */
    static final GenericTemplate TEMPLATE = new GenericTemplate(true);

    /** The bodies to send, in order (see {@link SendApiMessage#bodies}). */
    static List<ObjectNode> render(OutboundMessage message) {
        if (message.content() instanceof CardContent || message.content() instanceof CarouselContent) {
            List<ObjectNode> bodies = new ArrayList<>();
            ObjectNode body = SendApiMessage.add(message, MessengerConnector.DESCRIPTOR, bodies);
            TEMPLATE.attachment(message.content()).ifPresentOrElse(a -> body.set("attachment", a),
                    () -> putText(body, GenericTemplate.asText(message.content())));
            return bodies;
        }
        return SendApiMessage.bodies(message, MessengerConnector.DESCRIPTOR, CONTENT);
    }

    /**
     * A reaction is a sender action on the message reacted to; an empty emoji takes the Page's reaction back.
     * https://developers.facebook.com/docs/messenger-platform/send-messages/sender-actions
     */
    static ObjectNode reaction(OutboundMessage message, ReactionContent reaction) {
        boolean remove = reaction.emoji() == null || reaction.emoji().isEmpty();
        return SendApiMessage.reaction(message, MessengerConnector.DESCRIPTOR, reaction.messageId(),
                remove ? null : reaction.emoji());
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

    /**
     * Media goes by url, which Meta fetches, marked reusable so that the sender can send the same file again by
     * its attachment id; a sticker is an image, a document a file.
     */
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
                .put("url", media.url()).put("is_reusable", true);
    }

    private static String asText(Content content) {
        if (content instanceof LocationContent location) {
            return locationText(location);
        }
        return content instanceof ContactsContent contacts ? contactsText(contacts) : null;
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
        return SendApiMessage.unsupported(message);
    }
}
