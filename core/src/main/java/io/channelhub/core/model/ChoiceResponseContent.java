package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A consumer's answer to a {@link ChoiceContent}: the chosen option's id and title. */
@JsonInclude(JsonInclude.Include.NON_NULL) // an absent title is left out, never written as null
public record ChoiceResponseContent(String id, String title) implements Content {
    @Override
    public ContentType kind() {
        return ContentType.CHOICE_RESPONSE;
    }
}
