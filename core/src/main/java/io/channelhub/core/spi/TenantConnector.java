package io.channelhub.core.spi;

import java.util.Map;
import java.util.Optional;

/**
 * One tenant's configuration of one channel, handed to every connector call: settings in clear,
 * secrets decrypted for the duration of the call. {@code toString()} never shows the secrets.
 */
public record TenantConnector(String tenantId, String channel, Map<String, String> settings, Secrets secrets) {

    public TenantConnector {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secrets = secrets == null ? Secrets.none() : secrets;
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    public String requireSetting(String key) {
        return setting(key).orElseThrow(() -> new IllegalStateException(
                "connector " + channel + " of tenant " + tenantId + " has no setting " + key));
    }
}
