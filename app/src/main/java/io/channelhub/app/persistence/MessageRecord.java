package io.channelhub.app.persistence;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import java.time.Instant;

/**
 * A message as the hub keeps it: its place in its conversation ({@code seq}), its current status and
 * its canonical JSON ({@code body}, until retention erases it).
 *
 * @param intakeRef the broker id of the queued item this record was made from; a redelivery of the same
 *                  item recognises its own earlier, rolled-back attempt by it
 * @param round     0, and one more each time ops replay the message from the dead letters
 */
public record MessageRecord(String id, long seq, String tenantId, String channel, Direction direction,
                            String conversationId, String contactAddress, String providerMessageId,
                            DeliveryStatus status, String category, String body, String intakeRef, int round,
                            String lastError, Instant enqueuedAt, Instant createdAt, Instant updatedAt) {
}
