package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.MediaContent;

/** How a channel writes canonical content into the {@code message} object of a Send API body. */
public interface SendApiContent {

    /** Text within the channel's limits, else {@code unsupported_content}. */
    void text(ObjectNode message, String text);

    /** Media by url, as the channel's attachment types allow. */
    void attachment(ObjectNode message, MediaContent media);

    void choice(ObjectNode message, ChoiceContent choice);

    /** Other content the channel sends as text (a location, contacts), or null when it cannot send it. */
    String asText(Content content);
}
