package io.channelhub.connector.meta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.util.Map;

/** Copying what a Meta webhook says into an inbound message's metadata: only what is there. */
public final class WebhookFacts {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private WebhookFacts() {
    }

    /** {@code node} as a map under {@code key}, when it is an object. */
    public static void putObject(Map<String, Object> metadata, String key, JsonNode node) {
        if (node != null && node.isObject()) {
            metadata.put(key, HubJson.mapper().convertValue(node, JSON_OBJECT));
        }
    }

    public static void putIfPresent(Map<String, Object> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
