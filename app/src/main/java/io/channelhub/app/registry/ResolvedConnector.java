package io.channelhub.app.registry;

import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.TenantConnector;

/** A tenant's connector ready for a call: the stored record, the decrypted configuration, the code. */
public record ResolvedConnector(ConnectorRecord record, TenantConnector config, ChannelConnector connector) {
    public boolean enabled() {
        return record.enabled();
    }
}
