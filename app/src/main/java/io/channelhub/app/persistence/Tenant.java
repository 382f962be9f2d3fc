package io.channelhub.app.persistence;

import java.time.Instant;

/**
 * A tenant (a business using the platform).
 *
 * @param status       {@code active}, or {@code offboarding} after DELETE until its data is erased
 * @param quietHours   local {@code HH:mm-HH:mm} during which marketing messages are deferred, or null
 * @param eraseAfter   when an offboarding tenant's data is erased
 */
public record Tenant(String id, String name, String status, int retentionDays, String timezone, String quietHours,
                     Instant createdAt, Instant updatedAt, Instant eraseAfter) {
    public boolean active() {
        return "active".equals(status);
    }
}
