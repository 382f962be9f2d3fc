package io.channelhub.app.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.channelhub.core.model.DeliveryStatus;
import java.time.Instant;

/**
 * One step of a message's status history.
 *
 * @param fallbackAttempt the fallback attempt this step led to (CONTRACT §7)
 * @param fallbackOf      on an attempt's {@code accepted}: the message it falls back from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEntry(DeliveryStatus status, String reasonCode, String detail, String providerCode,
                          Instant at, String fallbackAttempt, String fallbackOf) {

    public StatusEntry(DeliveryStatus status, String reasonCode, String detail, String providerCode, Instant at) {
        this(status, reasonCode, detail, providerCode, at, null, null);
    }
}
