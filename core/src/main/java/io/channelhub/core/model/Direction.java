package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a message travels from a consumer to the tenant (inbound) or the other way (outbound). */
public enum Direction {
    INBOUND, OUTBOUND;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
