package io.channelhub.app.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.channelhub.core.model.DeliveryStatus;
import java.time.Instant;

/** One step of a message's status history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEntry(DeliveryStatus status, String reasonCode, String detail, String providerCode,
                          Instant at) {
}
