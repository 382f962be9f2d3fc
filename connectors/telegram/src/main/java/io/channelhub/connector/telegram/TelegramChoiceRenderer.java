package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.telegram.model.BotApiRequest;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.HubJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A choice as an inline keyboard under the question, one button per row, each button's {@code callback_data}
 * the choice id (it comes back in the {@code callback_query}). Where the keyboard cannot carry the choices —
 * an id over 64 bytes or empty, a title empty, more than 100 buttons, no question — it degrades to the hub's
 * numbered text, as on the other channels. https://core.telegram.org/bots/api#inlinekeyboardbutton
 */
final class TelegramChoiceRenderer {
    static final int MAX_CALLBACK_DATA_BYTES = 64;
    static final int MAX_BUTTONS = 100;

    private TelegramChoiceRenderer() {
    }

    static void render(List<BotApiRequest> calls, long chatId, ChoiceContent choice) {
        if (!fits(choice)) {
            TelegramMessageRenderer.texts(calls, chatId, choice.asNumberedText().text(), null);
            return;
        }
        ObjectNode markup = HubJson.mapper().createObjectNode();
        ArrayNode rows = markup.putArray("inline_keyboard");
        for (Choice c : choice.choices()) {
            rows.addArray().addObject().put("text", c.title()).put("callback_data", c.id());
        }
        TelegramMessageRenderer.texts(calls, chatId, choice.text(), markup);
    }

    private static boolean fits(ChoiceContent choice) {
        if (choice.text() == null || choice.text().isBlank() || choice.choices().isEmpty()
                || choice.choices().size() > MAX_BUTTONS) {
            return false;
        }
        return choice.choices().stream().allMatch(c -> c.id() != null && !c.id().isEmpty()
                && c.id().getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_DATA_BYTES
                && c.title() != null && !c.title().isBlank());
    }
}
