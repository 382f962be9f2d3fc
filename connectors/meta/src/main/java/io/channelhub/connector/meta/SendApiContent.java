package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.MediaContent;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How a channel writes canonical content into the {@code message} object of a Send API body.
 *
 * @param text       text within the channel's limits, else {@code unsupported_content}
 * @param attachment media by url, as the channel's attachment types allow
 * @param asText     other content the channel sends as text (a location, contacts), or null when it cannot
 */
public record SendApiContent(BiConsumer<ObjectNode, String> text, BiConsumer<ObjectNode, MediaContent> attachment,
                             BiConsumer<ObjectNode, ChoiceContent> choice, Function<Content, String> asText) {
}
