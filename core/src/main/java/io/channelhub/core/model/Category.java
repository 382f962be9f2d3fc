package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an outbound message is sent; marketing messages are subject to quiet hours and unsubscribe rules. */
public enum Category {
    CONVERSATIONAL, TRANSACTIONAL, MARKETING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
