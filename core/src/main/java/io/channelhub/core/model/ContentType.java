package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code content.type} values; connectors declare which they accept and produce. */
public enum ContentType {
    TEXT, MEDIA, LOCATION, CHOICE, CHOICE_RESPONSE, TEMPLATE, REACTION, CONTACTS, CARD, CAROUSEL, UNSUPPORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
