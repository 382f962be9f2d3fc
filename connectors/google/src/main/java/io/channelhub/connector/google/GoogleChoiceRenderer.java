package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import java.util.List;

/**
 * Renders a choice as RBM suggestions (at most 11, each text at most 25 characters, postback data at most
 * 2048): suggested replies, or suggested actions for options with an action; as the hub's numbered text (action
 * targets spelled out) when the options do not fit. Limits:
 * https://developers.google.com/business-communications/rcs-business-messaging/guides/build/messages/send
 * (suggested replies) and PROTOCOLS.md §3.3.
 */
final class GoogleChoiceRenderer {

    static final int MAX_SUGGESTIONS = 11;

    private GoogleChoiceRenderer() {
    }

    /** Fills {@code contentMessage} with the question and its replies, or with the numbered text. */
    static void render(ObjectNode contentMessage, ChoiceContent choice) {
        if (fitsAsReplies(choice)) {
            GoogleMessageRenderer.putText(contentMessage, choice.text());
            ArrayNode suggestions = contentMessage.putArray("suggestions");
            choice.choices().forEach(c -> suggestions.add(GoogleSuggestions.of(c)));
        } else {
            GoogleMessageRenderer.putText(contentMessage, choice.asNumberedText().text().strip());
        }
    }

    /** A question, 1–11 options with non-blank short titles, and postback data that tell them apart. */
    static boolean fitsAsReplies(ChoiceContent choice) {
        List<Choice> choices = choice.choices();
        if (choice.text() == null || choice.text().isBlank() || choices.isEmpty()
                || choices.size() > MAX_SUGGESTIONS) {
            return false;
        }
        long distinct = choices.stream().map(GoogleSuggestions::postbackOf).distinct().count();
        return distinct == choices.size() && choices.stream().allMatch(GoogleSuggestions::fits);
    }
}
