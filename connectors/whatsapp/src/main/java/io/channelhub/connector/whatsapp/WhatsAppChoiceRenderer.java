package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import java.util.List;
import java.util.Map;

/**
 * Renders a choice as WhatsApp reply buttons (up to 3, titles up to 20 characters) or a list (up to 10
 * rows, titles up to 24), and as numbered text when it fits neither. Limits:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages
 */
final class WhatsAppChoiceRenderer {

    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_BUTTON_ID = 256;
    static final int MAX_BUTTON_BODY = 1024;
    static final int MAX_ROWS = 10;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_ID = 200;
    static final int MAX_LIST_BODY = 4096;
    static final int MAX_LIST_BUTTON_LABEL = 20;

    /** Metadata key for the label of the button that opens a list; Meta requires one. */
    static final String LIST_BUTTON = "listButton";
    static final String DEFAULT_LIST_BUTTON = "Options";

    private WhatsAppChoiceRenderer() {
    }

    static void render(ObjectNode body, ChoiceContent choice, Map<String, Object> metadata) {
        List<Choice> choices = choice.choices();
        String text = choice.text();
        boolean hasText = text != null && !text.isBlank();
        if (hasText && !choices.isEmpty() && fits(choices, MAX_BUTTONS, MAX_BUTTON_TITLE, MAX_BUTTON_ID)
                && length(text) <= MAX_BUTTON_BODY) {
            buttons(body, text, choices);
        } else if (hasText && !choices.isEmpty() && fits(choices, MAX_ROWS, MAX_ROW_TITLE, MAX_ROW_ID)
                && length(text) <= MAX_LIST_BODY) {
            list(body, text, choices, listButtonLabel(metadata.get(LIST_BUTTON)));
        } else {
            WhatsAppMessageRenderer.addText(body, choice.asNumberedText().text().strip(), metadata);
        }
    }

    private static void buttons(ObjectNode body, String text, List<Choice> choices) {
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "button");
        interactive.putObject("body").put("text", text);
        ArrayNode buttons = interactive.putObject("action").putArray("buttons");
        for (Choice c : choices) {
            buttons.addObject().put("type", "reply").putObject("reply").put("id", idOf(c)).put("title", c.title());
        }
    }

    private static void list(ObjectNode body, String text, List<Choice> choices, String buttonLabel) {
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "list");
        interactive.putObject("body").put("text", text);
        ObjectNode action = interactive.putObject("action");
        action.put("button", buttonLabel);
        ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
        for (Choice c : choices) {
            rows.addObject().put("id", idOf(c)).put("title", c.title());
        }
    }

    /** Every option needs a non-blank title, a short enough id, and ids must differ. */
    private static boolean fits(List<Choice> choices, int maxCount, int maxTitle, int maxId) {
        if (choices.size() > maxCount) {
            return false;
        }
        long distinctIds = choices.stream().map(WhatsAppChoiceRenderer::idOf).distinct().count();
        return distinctIds == choices.size() && choices.stream().allMatch(c ->
                c.title() != null && !c.title().isBlank() && length(c.title()) <= maxTitle
                        && length(idOf(c)) <= maxId);
    }

    private static String idOf(Choice choice) {
        return choice.id() != null && !choice.id().isBlank() ? choice.id() : String.valueOf(choice.title());
    }

    private static String listButtonLabel(Object configured) {
        if (configured instanceof String label && !label.isBlank() && length(label) <= MAX_LIST_BUTTON_LABEL) {
            return label;
        }
        return DEFAULT_LIST_BUTTON;
    }

    /** Meta counts characters as users see them, so count code points, not UTF-16 units. */
    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
