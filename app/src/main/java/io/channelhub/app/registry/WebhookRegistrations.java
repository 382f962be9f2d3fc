package io.channelhub.app.registry;

import io.channelhub.app.HubProperties;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRegistration;
import java.net.URI;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Tells providers that take a registration (Telegram's {@code setWebhook}) where to deliver: the hub's public
 * base URL + {@code /webhooks/<channel>/<tenantId>}, when ops save or enable a connector, and stops them when ops
 * disable it or offboard the tenant. Providers without registration are left alone.
 */
@Component
public class WebhookRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistrations.class);
    private final TenantConnectors connectors;
    private final HubProperties hub;

    WebhookRegistrations(TenantConnectors connectors, HubProperties hub) {
        this.connectors = connectors;
        this.hub = hub;
    }

    /** The hub's webhook URL of a tenant's channel, as providers are to call it. */
    public String url(String tenantId, String channel) {
        return base() + "/webhooks/" + channel + "/" + tenantId;
    }

    /** hub.public-base-url, or without it (a hub not behind a proxy) the URL of the request being answered. */
    private String base() {
        if (!hub.publicBaseUrl().isBlank() || RequestContextHolder.getRequestAttributes() == null) {
            return hub.publicBaseUrl().replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    /**
     * Registers an enabled connector whose credentials passed (or could not be checked); answers what its
     * health is to show: the registration's outcome, or {@code check} when there is nothing to register.
     */
    CredentialCheck register(ResolvedConnector resolved, CredentialCheck check) {
        WebhookRegistration registration = resolved.connector().webhookRegistration().orElse(null);
        if (registration == null || !resolved.record().enabled()
                || check.outcome() == CredentialCheck.Outcome.REJECTED
                || check.outcome() == CredentialCheck.Outcome.UNREACHABLE) {
            return check;
        }
        TenantConnector config = resolved.config();
        if (hub.publicBaseUrl().isBlank()) {
            return CredentialCheck.unreachable("the webhook cannot be registered: hub.public-base-url is not set "
                    + "to the URL the provider reaches the hub at");
        }
        CredentialCheck registered = safely(config, () -> registration.register(
                URI.create(url(config.tenantId(), config.channel())), config));
        LOG.info("Webhook registration of {}/{}: {}", config.tenantId(), config.channel(), registered.outcome());
        return registered.outcome() == CredentialCheck.Outcome.OK && check.detail() != null
                ? CredentialCheck.ok(check.detail() + "; " + registered.detail()) : registered;
    }

    /** Stops the provider delivering for a connector ops disabled; the outcome is only logged. */
    void unregister(ResolvedConnector resolved) {
        resolved.connector().webhookRegistration().ifPresent(registration -> {
            TenantConnector config = resolved.config();
            CredentialCheck result = safely(config, () -> registration.unregister(config));
            LOG.info("Webhook of {}/{} removed: {} {}", config.tenantId(), config.channel(), result.outcome(),
                    result.detail());
        });
    }

    /** For an offboarded tenant: every connector that registered a webhook stops receiving. */
    public void unregisterAll(String tenantId) {
        connectors.ofTenant(tenantId).forEach(this::unregister);
    }

    private static CredentialCheck safely(TenantConnector config, Supplier<CredentialCheck> call) {
        try {
            return call.get();
        } catch (RuntimeException e) { // the SPI says it must not throw; a bug in one must not fail the save
            return CredentialCheck.unreachable("the webhook registration failed: " + e.getClass().getSimpleName()
                    + ": " + config.secrets().redact(e.getMessage()));
        }
    }
}
