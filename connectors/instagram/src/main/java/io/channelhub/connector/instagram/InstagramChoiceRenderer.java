package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import java.util.List;

/**
 * Renders a choice as a generic template (one element: the text as its title up to 80 characters, 1–3
 * postback buttons; it stays in the thread), else as quick replies (up to 13; they disappear once one is
 * tapped), else as numbered text. Options with actions (a URL, a map) are template buttons or, when they do not fit,
 * spelled out in the numbered text. Button and quick-reply titles up to 20 characters, payloads up to 1,000. A tap
 * comes back as a postback or a quick-reply payload: the choice's id. PROTOCOLS.md §10.1 (templates).
 */
final class InstagramChoiceRenderer {

    static final int MAX_BUTTONS = 3;
    static final int MAX_ELEMENT_TITLE = 80;
    static final int MAX_QUICK_REPLIES = 13;
    static final int MAX_TITLE = 20;
    static final int MAX_PAYLOAD = 1000;

    private InstagramChoiceRenderer() {
    }

    static void render(ObjectNode message, ChoiceContent choice) {
        String text = choice.text() == null ? "" : choice.text();
        List<Choice> choices = choice.choices();
        boolean titled = !text.isBlank() && eachHasAShortTitle(choices);
        if (choices.stream().anyMatch(c -> c.action() != null)) {
            actions(message, text, choices);
        } else if (titled && choices.size() <= MAX_BUTTONS && InstagramMessageRenderer.length(text) <= MAX_ELEMENT_TITLE) {
            ObjectNode element = message.putObject("attachment").put("type", "template").putObject("payload")
                    .put("template_type", "generic").putArray("elements").addObject().put("title", text);
            ArrayNode buttons = element.putArray("buttons");
            choices.forEach(c -> buttons.addObject().put("type", "postback").put("title", c.title())
                    .put("payload", payloadOf(c)));
        } else if (titled && choices.size() <= MAX_QUICK_REPLIES
                && InstagramMessageRenderer.length(text) <= InstagramMessageRenderer.MAX_TEXT) {
            message.put("text", text);
            ArrayNode replies = message.putArray("quick_replies");
            choices.forEach(c -> replies.addObject().put("content_type", "text").put("title", c.title())
                    .put("payload", payloadOf(c)));
        } else {
            InstagramMessageRenderer.putText(message, choice.asNumberedText().text().strip());
        }
    }

    /**
     * Options with actions can only be template buttons (quick replies carry a payload only): a generic template
     * when all fit, else the numbered text with each action's target spelled out.
     */
    private static void actions(ObjectNode message, String text, List<Choice> choices) {
        var buttons = InstagramMessageRenderer.TEMPLATE.buttons(choices);
        if (!text.isBlank() && InstagramMessageRenderer.length(text) <= MAX_ELEMENT_TITLE && buttons.isPresent()
                && !buttons.get().isEmpty()) {
            message.putObject("attachment").put("type", "template").putObject("payload")
                    .put("template_type", "generic").putArray("elements").addObject().put("title", text)
                    .set("buttons", buttons.get());
        } else {
            InstagramMessageRenderer.putText(message, new ChoiceContent(text, choices).asNumberedText().text().strip());
        }
    }

    /** Some options, each with a title short enough and a distinct payload a tap can name. */
    private static boolean eachHasAShortTitle(List<Choice> choices) {
        return !choices.isEmpty()
                && choices.stream().map(InstagramChoiceRenderer::payloadOf).distinct().count() == choices.size()
                && choices.stream().allMatch(c -> c.title() != null && !c.title().isBlank()
                && InstagramMessageRenderer.length(c.title()) <= MAX_TITLE
                && InstagramMessageRenderer.length(payloadOf(c)) <= MAX_PAYLOAD);
    }

    private static String payloadOf(Choice choice) {
        return choice.id() != null && !choice.id().isBlank() ? choice.id() : choice.title();
    }
}
