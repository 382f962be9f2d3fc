package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.channelhub.core.spi.JsonSlot;
import java.util.List;

/**
 * One structural edit of a JSON tree: the {@code pick}-th node (depth first, the root excluded) is
 * replaced by {@code value} (kind 0), removed (1), wrapped in an array (2), turned into its text or
 * number twin (3); or {@code key} is added to the picked object with {@code value} (4).
 */
public record NodeEdit(int pick, int kind, JsonNode value, String key) {
    public void applyTo(JsonNode root) {
        List<JsonSlot> slots = JsonSlot.all(root);
        if (slots.isEmpty()) {
            return;
        }
        JsonSlot slot = slots.get(Math.floorMod(pick, slots.size()));
        JsonNode current = slot.get();
        switch (kind) {
            case 0 -> slot.set(value.deepCopy());
            case 1 -> slot.remove();
            case 2 -> slot.set(JsonNodeFactory.instance.arrayNode().add(current));
            case 3 -> slot.set(current.isTextual() ? twinOfText(current.asText())
                    : current.isValueNode() ? TextNode.valueOf(current.asText()) : NullNode.instance);
            default -> {
                if (current instanceof ObjectNode o) {
                    o.set(key, value.deepCopy());
                } else {
                    slot.set(value.deepCopy());
                }
            }
        }
    }

    private static JsonNode twinOfText(String text) {
        try {
            return LongNode.valueOf(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return text.isEmpty() ? NullNode.instance : IntNode.valueOf(text.length());
        }
    }
}
