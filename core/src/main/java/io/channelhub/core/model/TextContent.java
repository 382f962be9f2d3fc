package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Plain text; email adds an optional subject and HTML alternative. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextContent(String text, String subject, String html) implements Content {
    public static TextContent of(String text) {
        return new TextContent(text, null, null);
    }

    @Override
    public ContentType kind() {
        return ContentType.TEXT;
    }
}
