package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code mediaType} of media content. */
public enum MediaKind {
    IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
