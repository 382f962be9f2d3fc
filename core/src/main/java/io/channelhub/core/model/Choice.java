package io.channelhub.core.model;

/** One option of a {@link ChoiceContent}. */
public record Choice(String id, String title) {
}
