package io.channelhub.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An inbound message the hub cannot normalize yet: delivered with the provider's own type name and the
 * raw provider object, never dropped.
 */
public record UnsupportedContent(String providerType, JsonNode raw) implements Content {
    @Override
    public ContentType kind() {
        return ContentType.UNSUPPORTED;
    }
}
