package io.channelhub.core.spi;

import java.net.URI;

/**
 * For providers the hub must tell where to deliver (Telegram's {@code setWebhook}), instead of ops pasting the
 * webhook URL into the provider's console. The hub registers when ops save or enable the connector and
 * unregisters when they disable it or offboard the tenant.
 */
public interface WebhookRegistration {

    /**
     * Points the provider at {@code url} (the hub's public base URL + {@code /webhooks/<channel>/<tenantId>}).
     * Answers what ops see in the connector's health; must not throw.
     */
    CredentialCheck register(URI url, TenantConnector connector);

    /** Stops the provider delivering to the hub. Must not throw: a failure is answered, for the log. */
    CredentialCheck unregister(TenantConnector connector);
}
