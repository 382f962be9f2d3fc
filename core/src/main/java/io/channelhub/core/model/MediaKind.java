package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code mediaType} of media content. */
public enum MediaKind {
    IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER;

    /** The kind a MIME type says (image/*, audio/*, video/*); anything else, or none, is a document. */
    public static MediaKind ofMimeType(String mimeType) {
        String type = mimeType == null ? "" : mimeType.strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return IMAGE;
        }
        if (type.startsWith("audio/")) {
            return AUDIO;
        }
        return type.startsWith("video/") ? VIDEO : DOCUMENT;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
