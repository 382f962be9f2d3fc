package io.channelhub.core.model;

/** An emoji reaction to a message; an empty emoji removes the reaction. */
public record ReactionContent(String emoji, String messageId) implements Content {
    @Override
    public ContentType kind() {
        return ContentType.REACTION;
    }
}
