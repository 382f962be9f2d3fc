package io.channelhub.core.model;

/** A consumer's answer to a {@link ChoiceContent}: the chosen option's id and title. */
public record ChoiceResponseContent(String id, String title) implements Content {
    @Override
    public ContentType kind() {
        return ContentType.CHOICE_RESPONSE;
    }
}
