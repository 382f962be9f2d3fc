package io.channelhub.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A place in a JSON tree, a field of an object or an element of an array, for tests that mutate
 * documents in place (property tests, the bad-input corpus).
 *
 * @param path where it is, as {@code $.entry[0].id}
 */
public record JsonSlot(JsonNode parent, String name, int index, String path) {

    /** Every place in the tree, depth first; the root itself is not one. */
    public static List<JsonSlot> all(JsonNode root) {
        List<JsonSlot> slots = new ArrayList<>();
        collect(root, "$", slots);
        return slots;
    }

    private static void collect(JsonNode node, String path, List<JsonSlot> slots) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(new JsonSlot(o, name, -1, path + "." + name));
                collect(o.get(name), path + "." + name, slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new JsonSlot(a, null, i, path + "[" + i + "]"));
                collect(a.get(i), path + "[" + i + "]", slots);
            }
        }
    }

    public JsonNode get() {
        return name != null ? parent.get(name) : parent.get(index);
    }

    public void set(JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(name, value);
        } else {
            ((ArrayNode) parent).set(index, value);
        }
    }

    public void remove() {
        if (parent instanceof ObjectNode o) {
            o.remove(name);
        } else {
            ((ArrayNode) parent).remove(index);
        }
    }
}
