package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading optional scalar fields of Meta webhook objects: absent, null, blank and non-scalar all mean "none". */
public final class WebhookText {
    private WebhookText() {
    }

    /** The field's text, or null. */
    public static String of(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }
}
