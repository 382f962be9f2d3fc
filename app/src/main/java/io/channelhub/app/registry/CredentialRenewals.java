package io.channelhub.app.registry;

import io.channelhub.app.cluster.ClusterLocks;
import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.CredentialRenewal;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.routes.port.Renewals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renews the credentials of enabled connectors whose connector says they expire (Instagram user tokens), once
 * due: the renewed secrets replace the old ones encrypted, unless ops saved the connector meanwhile. A refusal
 * (an expired or revoked token) turns the connector unhealthy with what ops must do, and publishes a
 * connector_health event; an outage is tried again on the next run.
 */
@Component
class CredentialRenewals implements Renewals {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRenewals.class);
    private final ConnectorCatalog catalog;
    private final ConnectorRepository repository;
    private final TenantConnectors connectors;
    private final ConnectorHealth health;
    private final ClusterLocks locks;
    private final Clock clock;

    CredentialRenewals(ConnectorCatalog catalog, ConnectorRepository repository, TenantConnectors connectors,
                       ConnectorHealth health, ClusterLocks locks, Clock clock) {
        this.catalog = catalog;
        this.repository = repository;
        this.connectors = connectors;
        this.health = health;
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    public void renewDue() {
        // one instance at a time: two would renew the same token twice, and the second renewal may be refused
        locks.runAlone("credential-renewal", this::renewAll);
    }

    private void renewAll() {
        for (ChannelConnector connector : catalog.all()) {
            connector.credentialRenewal().ifPresent(renewal -> {
                String channel = connector.descriptor().id();
                for (ConnectorRecord record : repository.enabledOfChannel(channel)) {
                    renewIfDue(renewal, record);
                }
            });
        }
    }

    private void renewIfDue(CredentialRenewal renewal, ConnectorRecord record) {
        String tenantId = record.tenantId();
        String channel = record.channel();
        TenantConnector config;
        try {
            Map<String, String> secrets = connectors.decryptSecrets(record);
            config = new TenantConnector(tenantId, channel, record.settings(),
                    Secrets.of(secrets));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the secrets of {}/{} to renew them: {}", tenantId, channel,
                    e.getClass().getSimpleName());
            return;
        }
        Duration every = renewal.renewEvery(config);
        Instant since = record.credentialsRenewedAt() != null ? record.credentialsRenewedAt() : record.updatedAt();
        Instant now = clock.instant();
        if (every.isZero() || every.isNegative() || now.isBefore(since.plus(every))) {
            return;
        }
        try {
            CredentialRenewal.Renewed renewed = renewal.renew(config);
            Map<String, String> secrets = new HashMap<>(connectors.decryptSecrets(record));
            secrets.putAll(renewed.secrets());
            String encrypted = connectors.encryptSecrets(tenantId, channel, secrets);
            if (!repository.storeRenewedSecrets(tenantId, channel, record.encryptedSecrets(), encrypted, now,
                    now.plus(renewed.validFor()))) {
                LOG.info("Credentials of {}/{} were saved by ops during their renewal: the saved ones are kept",
                        tenantId, channel);
                return;
            }
            connectors.invalidate(tenantId, channel);
            LOG.info("Renewed the credentials of {}/{}, valid for {}", tenantId, channel, renewed.validFor());
            if ("unhealthy".equals(record.health())) {
                health.setAndPublish(tenantId, channel, "ok", "credentials renewed; valid for "
                        + renewed.validFor().toDays() + " days");
            }
        } catch (PermanentChannelException e) {
            String detail = (e.credentialsRejected()
                    ? "the token can no longer be renewed (expired or revoked): reconnect the account and save "
                    + "the new token"
                    : "renewing the token was refused") + " — " + e.getMessage();
            health.recordError(tenantId, channel, "credential renewal: " + e.getMessage());
            health.setAndPublish(tenantId, channel, "unhealthy", detail);
            LOG.warn("Renewing the credentials of {}/{} was refused: {}", tenantId, channel, e.getMessage());
        } catch (ChannelException e) {
            LOG.warn("Renewing the credentials of {}/{} failed, tried again next run: {}", tenantId, channel,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Renewing the credentials of {}/{} failed, tried again next run: {}", tenantId, channel,
                    e.getClass().getSimpleName());
        }
    }
}
