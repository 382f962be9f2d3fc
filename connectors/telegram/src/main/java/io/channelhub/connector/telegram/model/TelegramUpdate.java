package io.channelhub.connector.telegram.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.util.Iterator;

/**
 * One Bot API {@code Update} (https://core.telegram.org/bots/api#update): an {@code update_id} and exactly one
 * optional field naming its kind ({@code message}, {@code callback_query}, {@code my_chat_member}, …).
 *
 * @param updateId Telegram's id, repeated when it delivers the update again
 * @param kind     the name of the update's one other field
 * @param body     that field's value
 */
public record TelegramUpdate(long updateId, String kind, JsonNode body) {
    private static final ObjectMapper JSON = HubJson.mapper().copy()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** @throws MalformedPayloadException when the bytes are no JSON object with a numeric update_id and a kind */
    public static TelegramUpdate parse(byte[] raw) {
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (IOException | RuntimeException e) {
            throw new MalformedPayloadException("telegram webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("telegram webhook body is not a JSON object");
        }
        JsonNode id = root.get("update_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new MalformedPayloadException("telegram webhook body is no Update: no numeric update_id");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return new TelegramUpdate(id.asLong(), name, root.get(name));
            }
        }
        throw new MalformedPayloadException("telegram Update " + id.asLong() + " carries nothing");
    }
}
