package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A rich card: a title, a description, an optional picture or video, and options under it (replies or actions).
 * Channels without cards get {@link #asText()} or, where they take media, the media captioned with that text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardContent(
        String title,
        String description,
        // written with "type":"media" like any content; read without it too, the field saying what it is
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type",
                defaultImpl = MediaContent.class)
        @JsonSubTypes(@JsonSubTypes.Type(value = MediaContent.class, name = "media")) MediaContent media,
        List<Choice> choices)
        implements Content {

    public CardContent {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** The card as text: title, description, then one numbered line per option with its target spelled out. */
    public TextContent asText() {
        return TextContent.of(text(true, "\n\n", i -> (i + 1) + ". "));
    }

    /** The card's text without its media URL, for a caption under that media. */
    public String caption() {
        return text(false, "\n\n", i -> (i + 1) + ". ");
    }

    /** The block of one card in a carousel's text: the options are bullets, numbers being the cards'. */
    String asCarouselBlock() {
        return text(true, "\n", i -> "- ");
    }

    private String text(boolean withMediaUrl, String gap, IntFunction<String> bullet) {
        List<String> parts = new ArrayList<>();
        addIfPresent(parts, title);
        addIfPresent(parts, description);
        if (withMediaUrl && media != null) {
            addIfPresent(parts, media.url());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            lines.add(bullet.apply(i) + choices.get(i).asLine());
        }
        if (!lines.isEmpty()) {
            parts.add(String.join("\n", lines));
        }
        return String.join(gap, parts);
    }

    private static void addIfPresent(List<String> parts, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(value.strip());
        }
    }

    @Override
    public ContentType kind() {
        return ContentType.CARD;
    }
}
