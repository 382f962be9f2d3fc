package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant's stored connector: settings in clear, secrets still encrypted.
 *
 * @param health               {@code unknown}, {@code ok}, {@code unhealthy} (credentials refused) or
 *                             {@code unreachable}
 * @param credentialsRenewedAt when the hub last renewed an expiring credential (Instagram user tokens), or null
 * @param credentialsExpireAt  when that renewed credential expires, as the provider said, or null
 */
public record ConnectorRecord(String tenantId, String channel, boolean enabled, Map<String, String> settings,
                              String encryptedSecrets, String health, String healthDetail, String lastError,
                              Instant lastErrorAt, Instant updatedAt, Instant credentialsRenewedAt,
                              Instant credentialsExpireAt) {

    @Override
    public String toString() {
        return "ConnectorRecord[" + tenantId + "/" + channel + ", enabled=" + enabled + ", health=" + health + "]";
    }
}
