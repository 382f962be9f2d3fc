package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import java.util.List;

/**
 * Renders a choice as a button template (1–3 postback buttons, text up to 640 characters: the buttons stay in
 * the thread), else as quick replies (up to 13, text up to 2,000: they disappear once one is tapped), else as
 * numbered text. Options with actions (a URL, a number to call, a map) are buttons of the template or, when
 * they do not fit, spelled out in the numbered text. Titles up to 20 characters, payloads up to 1,000. A tap comes back as a postback or a
 * quick-reply payload: the choice's id. Limits:
 * https://developers.facebook.com/docs/messenger-platform/send-messages/buttons and
 * https://developers.facebook.com/docs/messenger-platform/reference/buttons/quick-replies
 */
final class MessengerChoiceRenderer {

    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TEXT = 640;
    static final int MAX_QUICK_REPLIES = 13;
    static final int MAX_TITLE = 20;
    static final int MAX_PAYLOAD = 1000;

    private MessengerChoiceRenderer() {
    }

    /** The {@code message} object of the choice. */
    static ObjectNode render(ObjectNode message, ChoiceContent choice) {
        List<Choice> choices = choice.choices();
        String text = choice.text();
        boolean hasText = text != null && !text.isBlank();
        if (choices.stream().anyMatch(c -> c.action() != null)) {
            actions(message, choice);
        } else if (hasText && fits(choices, MAX_BUTTONS) && length(text) <= MAX_BUTTON_TEXT) {
            ObjectNode payload = message.putObject("attachment").put("type", "template").putObject("payload");
            payload.put("template_type", "button").put("text", text);
            ArrayNode buttons = payload.putArray("buttons");
            choices.forEach(c -> buttons.addObject().put("type", "postback").put("title", c.title())
                    .put("payload", idOf(c)));
        } else if (hasText && fits(choices, MAX_QUICK_REPLIES)
                && length(text) <= MessengerMessageRenderer.MAX_TEXT) {
            message.put("text", text);
            ArrayNode replies = message.putArray("quick_replies");
            choices.forEach(c -> replies.addObject().put("content_type", "text").put("title", c.title())
                    .put("payload", idOf(c)));
        } else {
            MessengerMessageRenderer.putText(message, choice.asNumberedText().text().strip());
        }
        return message;
    }

    /**
     * Options with actions can only be template buttons (quick replies carry a payload only): a button template
     * when all fit, else the numbered text with each action's target spelled out.
     */
    private static void actions(ObjectNode message, ChoiceContent choice) {
        String text = choice.text();
        var buttons = MessengerMessageRenderer.TEMPLATE.buttons(choice.choices());
        if (text != null && !text.isBlank() && length(text) <= MAX_BUTTON_TEXT && buttons.isPresent()
                && !buttons.get().isEmpty()) {
            ObjectNode payload = message.putObject("attachment").put("type", "template").putObject("payload");
            payload.put("template_type", "button").put("text", text).set("buttons", buttons.get());
        } else {
            MessengerMessageRenderer.putText(message, choice.asNumberedText().text().strip());
        }
    }

    /** Some options, no more than {@code max}, each with a short title and payload, payloads distinct. */
    private static boolean fits(List<Choice> choices, int max) {
        return !choices.isEmpty() && choices.size() <= max
                && choices.stream().map(MessengerChoiceRenderer::idOf).distinct().count() == choices.size()
                && choices.stream().allMatch(c -> c.title() != null && !c.title().isBlank()
                && length(c.title()) <= MAX_TITLE && length(idOf(c)) <= MAX_PAYLOAD);
    }

    private static String idOf(Choice choice) {
        return choice.id() != null && !choice.id().isBlank() ? choice.id() : String.valueOf(choice.title());
    }

    /** Meta counts characters as people see them: code points, not UTF-16 units. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
