package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;

/** Two to ten {@link CardContent cards} side by side; channels without carousels get {@link #asText()}. */
public record CarouselContent(
        // written with "type":"card" like any content; read without it too, the field saying what they are
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type",
                defaultImpl = CardContent.class)
        @JsonSubTypes(@JsonSubTypes.Type(value = CardContent.class, name = "card")) List<CardContent> cards)
        implements Content {

    public static final int MIN_CARDS = 2;
    public static final int MAX_CARDS = 10;

    public CarouselContent {
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    /** One text for all cards, numbered, a blank line between them; each card's options as bullets. */
    public TextContent asText() {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            blocks.add((i + 1) + ". " + cards.get(i).asCarouselBlock());
        }
        return TextContent.of(String.join("\n\n", blocks));
    }

    @Override
    public ContentType kind() {
        return ContentType.CAROUSEL;
    }
}
