package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What moves a message on to its next fallback attempt (CONTRACT §7 {@code fallback[].on}). */
public enum FallbackCondition {
    /** The contact cannot be reached on the channel: a capability miss, a number not on the channel. */
    NOT_REACHABLE,
    /** Refused before any provider call on that channel: outside the service window, opted out there. */
    REJECTED,
    /** A permanent provider failure, or the retries spent. */
    FAILED,
    /** No {@code delivered} or {@code read} within the attempt's {@code within}. */
    NOT_DELIVERED_WITHIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The condition a message meets by ending with this status and reason, if any. A message taken back
     * ({@code revoked}: by the platform, or by the hub for its fallback) meets none: it is not to be pursued.
     */
    public static Optional<FallbackCondition> endedBy(DeliveryStatus status, String reasonCode) {
        if (ReasonCodes.REVOKED.equals(reasonCode)) {
            return Optional.empty();
        }
        if (ReasonCodes.NOT_REACHABLE_ON_CHANNEL.equals(reasonCode) || ReasonCodes.INVALID_ADDRESS.equals(reasonCode)) {
            return Optional.of(NOT_REACHABLE);
        }
        return switch (status) {
            case REJECTED -> Optional.of(REJECTED);
            case FAILED -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }

    /** The condition a wire name names; an unknown name is a client's mistake, answered with the known ones. */
    @JsonCreator
    public static FallbackCondition of(String wireName) {
        for (FallbackCondition c : values()) {
            if (c.wireName().equals(wireName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown fallback condition '" + wireName + "'; known: "
                + Arrays.stream(values()).map(FallbackCondition::wireName).toList());
    }
}
