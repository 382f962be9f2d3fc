package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cards and carousels as Messenger's and Instagram's generic template: one element per card (title and subtitle up
 * to 80 characters, an image, up to 3 buttons), up to 10 elements. Buttons: a reply is a {@code postback} (the
 * choice's id comes back as its payload), {@code open_url} a {@code web_url}, {@code view_location} a
 * {@code web_url} to the map, {@code dial} a {@code phone_number} where the channel has call buttons (Messenger;
 * Instagram has none). A card the channel cannot show whole (longer texts, a video, more buttons, a calendar or
 * share-location action) answers empty: the caller sends the hub's text rendering instead, never a cut card.
 * https://developers.facebook.com/docs/messenger-platform/send-messages/template/generic
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/generic-template
 */
public final class GenericTemplate {
    public static final int MAX_ELEMENTS = 10;
    public static final int MAX_ELEMENT_TEXT = 80;
    public static final int MAX_BUTTONS = 3;
    public static final int MAX_BUTTON_TITLE = 20;
    public static final int MAX_PAYLOAD = 1000;

    private final boolean callButtons;

    /** @param callButtons whether the channel has {@code phone_number} buttons (Messenger yes, Instagram no) */
    public GenericTemplate(boolean callButtons) {
        this.callButtons = callButtons;
    }

    /** The template attachment of a card or carousel, or empty when a card does not fit whole. */
    public Optional<ObjectNode> attachment(Content content) {
        List<CardContent> cards = content instanceof CarouselContent carousel ? carousel.cards()
                : List.of((CardContent) content);
        if (cards.size() > MAX_ELEMENTS) {
            return Optional.empty();
        }
        List<ObjectNode> elements = new ArrayList<>();
        for (CardContent card : cards) {
            Optional<ObjectNode> element = element(card);
            if (element.isEmpty()) {
                return Optional.empty();
            }
            elements.add(element.get());
        }
        ObjectNode attachment = HubJson.mapper().createObjectNode().put("type", "template");
        attachment.putObject("payload").put("template_type", "generic").putArray("elements").addAll(elements);
        return Optional.of(attachment);
    }

    /** The text a card or carousel becomes where the template cannot carry it. */
    public static String asText(Content content) {
        return content instanceof CarouselContent carousel ? carousel.asText().text()
                : ((CardContent) content).asText().text();
    }

    private Optional<ObjectNode> element(CardContent card) {
        boolean titled = present(card.title());
        String title = titled ? card.title() : card.description();
        String subtitle = titled && present(card.description()) ? card.description() : null;
        if (!present(title) || length(title) > MAX_ELEMENT_TEXT
                || (subtitle != null && length(subtitle) > MAX_ELEMENT_TEXT)
                || (card.media() != null && card.media().mediaType() != MediaKind.IMAGE)) {
            return Optional.empty();
        }
        Optional<ArrayNode> buttons = buttons(card.choices());
        if (buttons.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode element = HubJson.mapper().createObjectNode().put("title", title);
        if (subtitle != null) {
            element.put("subtitle", subtitle);
        }
        if (card.media() != null) {
            element.put("image_url", card.media().url());
        }
        if (!buttons.get().isEmpty()) {
            element.set("buttons", buttons.get());
        }
        return Optional.of(element);
    }

    /** The options as at most 3 buttons, postback payloads distinct, or empty when one cannot be a button. */
    public Optional<ArrayNode> buttons(List<Choice> choices) {
        ArrayNode buttons = HubJson.mapper().createArrayNode();
        Set<String> payloads = new HashSet<>();
        if (choices.size() > MAX_BUTTONS) {
            return Optional.empty();
        }
        for (Choice choice : choices) {
            Optional<ObjectNode> button = button(choice);
            if (button.isEmpty() || ("postback".equals(button.get().path("type").asText())
                    && !payloads.add(button.get().path("payload").asText()))) {
                return Optional.empty();
            }
            buttons.add(button.get());
        }
        return Optional.of(buttons);
    }

    private Optional<ObjectNode> button(Choice choice) {
        if (!present(choice.title()) || length(choice.title()) > MAX_BUTTON_TITLE) {
            return Optional.empty();
        }
        ObjectNode button = HubJson.mapper().createObjectNode();
        ChoiceAction action = choice.action();
        if (action == null) {
            String payload = present(choice.id()) ? choice.id() : choice.title();
            if (length(payload) > MAX_PAYLOAD) {
                return Optional.empty();
            }
            button.put("type", "postback").put("title", choice.title()).put("payload", payload);
        } else if (action instanceof ChoiceAction.OpenUrl || action instanceof ChoiceAction.ViewLocation) {
            button.put("type", "web_url").put("title", choice.title()).put("url", action.spelledOut());
        } else if (action instanceof ChoiceAction.Dial dial && callButtons) {
            button.put("type", "phone_number").put("title", choice.title()).put("payload", dial.phoneNumber());
        } else {
            return Optional.empty();
        }
        return Optional.of(button);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Meta counts characters as people see them: code points, not UTF-16 units. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
