package io.channelhub.connector.instagram;

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
 * Cards and carousels as a generic template: one element per card (title and subtitle up to 80 characters, an
 * image, up to 3 buttons), up to 10 elements. Buttons: a reply is a {@code postback} (the choice's id comes back
 * as its payload), {@code open_url} a {@code web_url}, {@code view_location} a {@code web_url} to the map.
 * Instagram has no call button, so a {@code dial} option, like a calendar or share-location one, a video,
 * longer texts or more buttons, makes the message the hub's text rendering instead, never a cut card.
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/generic-template
 */
final class InstagramCardRenderer {

    static final int MAX_ELEMENTS = 10;
    static final int MAX_ELEMENT_TEXT = 80;

    private InstagramCardRenderer() {
    }

    /** Fills {@code message} with the template, or with the content's text where a card does not fit. */
    static void render(ObjectNode message, Content content) {
        List<CardContent> cards = content instanceof CarouselContent carousel ? carousel.cards()
                : List.of((CardContent) content);
        List<ObjectNode> elements = new ArrayList<>();
        for (CardContent card : cards) {
            Optional<ObjectNode> element = element(card);
            if (element.isEmpty() || cards.size() > MAX_ELEMENTS) {
                InstagramMessageRenderer.putText(message, content instanceof CarouselContent carousel
                        ? carousel.asText().text() : ((CardContent) content).asText().text());
                return;
            }
            elements.add(element.get());
        }
        ObjectNode payload = message.putObject("attachment").put("type", "template").putObject("payload");
        payload.put("template_type", "generic").putArray("elements").addAll(elements);
    }

    private static Optional<ObjectNode> element(CardContent card) {
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
    static Optional<ArrayNode> buttons(List<Choice> choices) {
        ArrayNode buttons = HubJson.mapper().createArrayNode();
        Set<String> payloads = new HashSet<>();
        if (choices.size() > InstagramChoiceRenderer.MAX_BUTTONS) {
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

    private static Optional<ObjectNode> button(Choice choice) {
        if (!present(choice.title()) || length(choice.title()) > InstagramChoiceRenderer.MAX_TITLE) {
            return Optional.empty();
        }
        ObjectNode button = HubJson.mapper().createObjectNode();
        ChoiceAction action = choice.action();
        if (action == null) {
            String payload = present(choice.id()) ? choice.id() : choice.title();
            if (length(payload) > InstagramChoiceRenderer.MAX_PAYLOAD) {
                return Optional.empty();
            }
            button.put("type", "postback").put("title", choice.title()).put("payload", payload);
        } else if (action instanceof ChoiceAction.OpenUrl || action instanceof ChoiceAction.ViewLocation) {
            button.put("type", "web_url").put("title", choice.title()).put("url", action.spelledOut());
        } else {
            return Optional.empty();
        }
        return Optional.of(button);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static int length(String s) {
        return InstagramMessageRenderer.length(s);
    }
}
