package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an outbound message into an RBM {@code AgentMessage}: {@code contentMessage} plus the time to
 * live and traffic type. Templates never arrive here: the hub sends their fallback text (the descriptor
 * does not list them). Reference:
 * https://developers.google.com/business-communications/rcs-business-messaging/reference/rest/v1/phones.agentMessages
 */
final class GoogleMessageRenderer {

    static final int MAX_TEXT = 3072;
    static final int MAX_CARD_DESCRIPTION = 2000;
    /** Metadata key of an outbound media message: the public URL of its thumbnail. */
    static final String THUMBNAIL_URL = "thumbnailUrl";
    static final String VIEW_LOCATION_TEXT = "View location";
    static final String VIEW_LOCATION_POSTBACK = "view_location";

    private GoogleMessageRenderer() {
    }

    static ObjectNode render(OutboundMessage message, GoogleSettings settings) {
        return render(message, message.content(), settings);
    }

    /** {@code message} with {@code content} in place of its own: the content fitted to the contact's device. */
    static ObjectNode render(OutboundMessage message, Content content, GoogleSettings settings) {
        ObjectNode agentMessage = HubJson.mapper().createObjectNode();
        ObjectNode contentMessage = agentMessage.putObject("contentMessage");
        if (content instanceof TextContent text) {
            putText(contentMessage, text.text());
        } else if (content instanceof MediaContent media) {
            media(contentMessage, media, message.metadata().get(THUMBNAIL_URL));
        } else if (content instanceof ChoiceContent choice) {
            GoogleChoiceRenderer.render(contentMessage, choice);
        } else if (content instanceof LocationContent location) {
            location(contentMessage, location);
        } else if (content instanceof ContactsContent contacts) {
            putText(contentMessage, contactsText(contacts));
        } else if (content instanceof CardContent card) {
            GoogleCardRenderer.standalone(contentMessage, card, message.metadata().get(THUMBNAIL_URL));
        } else if (content instanceof CarouselContent carousel) {
            GoogleCardRenderer.carousel(contentMessage, carousel);
        } else {
            throw unsupported("content type " + (content == null ? "null" : content.kind().wireName())
                    + " cannot be sent by RBM");
        }
        if (message.expireAt() != null) {
            agentMessage.put("expireTime", message.expireAt().toString());
        } else if (settings.messageTtl() != null) {
            agentMessage.put("ttl", settings.messageTtl().toSeconds() + "s");
        }
        trafficType(message.category()).ifPresent(type -> agentMessage.put("messageTrafficType", type));
        return agentMessage;
    }

    static void putText(ObjectNode contentMessage, String text) {
        if (text == null || text.isBlank()) {
            throw unsupported("an RBM text message needs a non-empty text");
        }
        if (length(text) > MAX_TEXT) {
            throw unsupported("RBM text is limited to " + MAX_TEXT + " characters");
        }
        contentMessage.put("text", text);
    }

    /**
     * A captioned image or video becomes a vertical standalone card with the caption as description, so the
     * caption stays with its picture in one message; anything else a file message, whose caption RBM
     * cannot carry (cards take images and videos only).
     */
    private static void media(ObjectNode contentMessage, MediaContent media, Object thumbnail) {
        if (media.url() == null || media.url().isBlank()) {
            throw unsupported("RBM media needs a public URL Google can fetch");
        }
        ObjectNode contentInfo = HubJson.mapper().createObjectNode().put("fileUrl", media.url());
        if (thumbnail instanceof String url && !url.isBlank()) {
            contentInfo.put("thumbnailUrl", url);
        }
        boolean visual = media.mediaType() == MediaKind.IMAGE || media.mediaType() == MediaKind.VIDEO
                || media.mediaType() == MediaKind.STICKER;
        String caption = media.caption() == null || media.caption().isBlank() ? null : media.caption();
        if (visual && caption != null) {
            if (length(caption) > MAX_CARD_DESCRIPTION) {
                throw unsupported("an RBM card description is limited to " + MAX_CARD_DESCRIPTION + " characters");
            }
            GoogleCardRenderer.standalone(contentMessage, new CardContent(null, caption, media, null), thumbnail);
        } else {
            contentMessage.set("contentInfo", contentInfo);
        }
    }

    /** The place as text, with a suggested action that opens it in the user's map app. */
    private static void location(ObjectNode contentMessage, LocationContent location) {
        List<String> lines = new ArrayList<>();
        addIfPresent(lines, location.name());
        addIfPresent(lines, location.address());
        if (lines.isEmpty()) {
            lines.add(location.latitude() + ", " + location.longitude());
        }
        putText(contentMessage, String.join("\n", lines));
        ObjectNode action = contentMessage.putArray("suggestions").addObject().putObject("action");
        action.put("text", VIEW_LOCATION_TEXT).put("postbackData", VIEW_LOCATION_POSTBACK);
        ObjectNode view = action.putObject("viewLocationAction");
        view.putObject("latLong").put("latitude", location.latitude()).put("longitude", location.longitude());
        if (location.name() != null && !location.name().isBlank()) {
            view.put("label", location.name());
        }
    }

    /** One block per contact: name, then its phone numbers and e-mail addresses, one a line. */
    private static String contactsText(ContactsContent contacts) {
        List<String> blocks = new ArrayList<>();
        for (ContactCard card : contacts.contacts()) {
            List<String> lines = new ArrayList<>();
            addIfPresent(lines, card.name());
            card.phones().forEach(p -> addIfPresent(lines, p));
            card.emails().forEach(e -> addIfPresent(lines, e));
            if (!lines.isEmpty()) {
                blocks.add(String.join("\n", lines));
            }
        }
        return String.join("\n\n", blocks);
    }

    /** RBM's traffic types for the hub's categories; conversational messages leave Google's default. */
    private static Optional<String> trafficType(Category category) {
        if (category == Category.MARKETING) {
            return Optional.of("PROMOTION");
        }
        return category == Category.TRANSACTIONAL ? Optional.of("TRANSACTION") : Optional.empty();
    }

    private static void addIfPresent(List<String> lines, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(value.strip());
        }
    }

    /** Google counts characters as users see them, so count code points, not UTF-16 units. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }
}
