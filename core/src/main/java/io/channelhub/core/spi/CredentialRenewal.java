package io.channelhub.core.spi;

import java.time.Duration;
import java.util.Map;

/**
 * For channels whose credentials expire unless the hub renews them (Instagram's long-lived user tokens, 60 days).
 * The hub looks at every enabled connector of the channel periodically, renews those due, stores the answered
 * secrets encrypted in place of the old ones, and shows a refusal in the connector's health.
 */
public interface CredentialRenewal {

    /**
     * How long after the last renewal (or the save by ops, for a credential never renewed) the credential of
     * this connector is due again; {@link Duration#ZERO} or negative for a setup that needs no renewal.
     */
    Duration renewEvery(TenantConnector connector);

    /**
     * Renews the credential. Provider failures are thrown as {@link io.channelhub.core.error.ChannelException}s:
     * a permanent one means ops must act (the token expired or was revoked).
     */
    Renewed renew(TenantConnector connector);

    /**
     * The secrets that replace the stored ones of the same names, and how long they last.
     * Not printable: {@code toString} hides the values.
     */
    record Renewed(Map<String, String> secrets, Duration validFor) {
        public Renewed {
            secrets = Map.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "Renewed[secrets=" + secrets.keySet() + ", validFor=" + validFor + "]";
        }
    }
}
