package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who wrote an outbound message (CONTRACT §7 {@code sentBy}): an automated flow, or a person. Some
 * channels allow a person more time after the contact's last message (Messenger's {@code HUMAN_AGENT}).
 */
public enum SentBy {
    BOT, AGENT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
