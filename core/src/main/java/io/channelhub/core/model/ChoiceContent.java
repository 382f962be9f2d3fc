package io.channelhub.core.model;

import java.util.List;

/**
 * A question with options: quick replies, buttons or a list where the channel has them, a numbered
 * text ({@link #asNumberedText()}) where it does not or where the options exceed its limits.
 */
public record ChoiceContent(String text, List<Choice> choices) implements Content {
    public ChoiceContent {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * The rendering for channels without buttons: the question, then one numbered line per option, an action's
     * target spelled out after its title.
     */
    public TextContent asNumberedText() {
        StringBuilder sb = new StringBuilder(text == null ? "" : text);
        for (int i = 0; i < choices.size(); i++) {
            sb.append('\n').append(i + 1).append(". ").append(choices.get(i).asLine());
        }
        return TextContent.of(sb.toString());
    }

    @Override
    public ContentType kind() {
        return ContentType.CHOICE;
    }
}
