package io.channelhub.app.registry;

import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;

/**
 * A tenant's connector ready for a call: the stored record, the decrypted configuration, the code, and
 * what the connector says cannot work in that configuration (a credential no HTTP header can carry,
 * saved before the hub checked such things on save).
 */
public record ResolvedConnector(ConnectorRecord record, TenantConnector config, ChannelConnector connector,
                                List<String> configurationProblems) {
    public boolean enabled() {
        return record.enabled();
    }
}
