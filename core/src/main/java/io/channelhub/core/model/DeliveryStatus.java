package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a message as seen by the core platform. Statuses only move forward: a late or
 * out-of-order provider report (a {@code delivered} after a {@code read}) never moves a message back.
 */
public enum DeliveryStatus {
    ACCEPTED(0), SENT(1), DELIVERED(2), READ(3), FAILED(4), REJECTED(5);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a message currently in {@code current} may move to this status. */
    public boolean advancesFrom(DeliveryStatus current) {
        return current == null || rank > current.rank;
    }

    public static DeliveryStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
