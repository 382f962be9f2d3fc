package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant's stored connector: settings in clear, secrets still encrypted.
 *
 * @param health {@code unknown}, {@code ok}, {@code unhealthy} (credentials refused) or {@code unreachable}
 */
public record ConnectorRecord(String tenantId, String channel, boolean enabled, Map<String, String> settings,
                              String encryptedSecrets, String health, String healthDetail, String lastError,
                              Instant lastErrorAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "ConnectorRecord[" + tenantId + "/" + channel + ", enabled=" + enabled + ", health=" + health + "]";
    }
}
