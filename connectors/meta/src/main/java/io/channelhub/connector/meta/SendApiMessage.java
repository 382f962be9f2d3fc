package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.MessageTag;
import io.channelhub.core.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Send API body Messenger and Instagram share, {@code {"recipient":{"id"},"messaging_type",["tag"],
 * "message":{…}}} or a {@code sender_action}, and the hub id it carries so that the echo of a send is known.
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api
 */
public final class SendApiMessage {

    /** Put into {@code message.metadata} of every send: the echo of a hub send comes back with it. */
    public static final String OWN_SEND_PREFIX = "channel-hub:";

    private SendApiMessage() {
    }

    /**
     * The bodies of a message, in order: one, or for media with a caption the attachment and then the caption as
     * text (neither Messenger nor Instagram attachments have a caption).
     */
    public static List<ObjectNode> bodies(OutboundMessage message, ChannelDescriptor channel,
                                          SendApiContent writer) {
        Content content = message.content();
        List<ObjectNode> bodies = new ArrayList<>();
        if (content instanceof TextContent text) {
            writer.text().accept(add(message, channel, bodies), text.text());
        } else if (content instanceof MediaContent media) {
            writer.attachment().accept(add(message, channel, bodies), media);
            if (media.caption() != null && !media.caption().isBlank()) {
                writer.text().accept(add(message, channel, bodies), media.caption());
            }
        } else if (content instanceof ChoiceContent choice) {
            writer.choice().accept(add(message, channel, bodies), choice);
        } else {
            String text = content == null ? null : writer.asText().apply(content);
            if (text == null) {
                throw unsupported(channel.id() + " cannot send "
                        + (content == null ? "empty" : content.kind().wireName()) + " content");
            }
            writer.text().accept(add(message, channel, bodies), text);
        }
        return bodies;
    }

    /**
     * Adds a body for {@code message} to {@code bodies} and returns its {@code message} object: {@code RESPONSE}
     * inside the 24 h window; with a tag (the hub sets one only where the window needs it) {@code MESSAGE_TAG},
     * refused before any call when the channel has no such tag.
     */
    public static ObjectNode add(OutboundMessage message, ChannelDescriptor channel, List<ObjectNode> bodies) {
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.putObject("recipient").put("id", recipient(message, channel));
        String tag = message.tag() == null ? "" : message.tag().trim().toUpperCase(Locale.ROOT);
        if (tag.isEmpty()) {
            body.put("messaging_type", "RESPONSE");
        } else if (channel.messageTag(tag).isPresent()) {
            body.put("messaging_type", "MESSAGE_TAG").put("tag", tag);
        } else {
            throw new PermanentChannelException(ReasonCodes.TAG_NOT_ALLOWED, null, channel.id()
                    + " has no message tag '" + message.tag() + "'; it has "
                    + channel.messageTags().stream().map(MessageTag::name).toList());
        }
        ObjectNode payload = body.putObject("message");
        if (message.id() != null) {
            payload.put("metadata", OWN_SEND_PREFIX + message.id());
        }
        bodies.add(body);
        return payload;
    }

    /**
     * A reaction as a sender action on the message reacted to; {@code reaction} null takes the account's
     * reaction back. https://developers.facebook.com/docs/messenger-platform/send-messages/sender-actions
     */
    public static ObjectNode reaction(OutboundMessage message, ChannelDescriptor channel, String messageId,
                                      String reaction) {
        if (messageId == null || messageId.isBlank()) {
            throw unsupported(channel.id() + " reaction needs the mid of the message reacted to");
        }
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.putObject("recipient").put("id", recipient(message, channel));
        body.put("sender_action", reaction == null ? "unreact" : "react");
        ObjectNode payload = body.putObject("payload").put("message_id", messageId);
        if (reaction != null) {
            payload.put("reaction", reaction);
        }
        return body;
    }

    /** The hub id an echoed {@code message} names in its {@code metadata}, when the hub sent it. */
    public static Optional<String> ownSendId(JsonNode message) {
        String metadata = WebhookText.of(message, "metadata");
        return metadata != null && metadata.startsWith(OWN_SEND_PREFIX) && metadata.length() > OWN_SEND_PREFIX.length()
                ? Optional.of(metadata.substring(OWN_SEND_PREFIX.length())) : Optional.empty();
    }

    public static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }

    private static String recipient(OutboundMessage message, ChannelDescriptor channel) {
        String address = message.to() == null || message.to().address() == null ? "" : message.to().address().trim();
        if (address.isEmpty()) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null,
                    channel.id() + " message has no recipient");
        }
        return address;
    }
}
