package io.channelhub.app.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.cluster.ClusterChanges;
import io.channelhub.app.cluster.SharedState;
import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.security.SecretCipher;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Tenants' connectors, resolved for calls: looked up, secrets decrypted, cached briefly because every
 * webhook and every send needs one. A change is forgotten on every instance at once ({@link ClusterChanges});
 * {@link #TTL} bounds it when an announcement is lost.
 */
@Component
public class TenantConnectors {
    static final Duration TTL = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };
    private final ConnectorRepository repository;
    private final ConnectorCatalog catalog;
    private final SecretCipher cipher;
    private final Cache<String, Optional<ResolvedConnector>> cache;
    private final ClusterChanges changes;

    public TenantConnectors(ConnectorRepository repository, ConnectorCatalog catalog, SecretCipher cipher,
                            ClusterChanges changes, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.cipher = cipher;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        this.changes = changes;
        changes.onChange(SharedState.CONNECTOR, cache::invalidate);
        changes.onChange(SharedState.TENANT_CONNECTORS,
                tenantId -> cache.asMap().keySet().removeIf(k -> k.startsWith(tenantId + '/')));
    }

    public Optional<ResolvedConnector> resolve(String tenantId, String channel) {
        return cache.get(tenantId + '/' + channel, key -> repository.find(tenantId, channel).flatMap(this::resolve));
    }

    /** Tenants whose connector for {@code channel} is the provider account {@code accountId}. */
    public List<ResolvedConnector> byAccount(String channel, String accountId) {
        return repository.byRoutingKey(channel, accountId).stream().map(this::resolve).flatMap(Optional::stream)
                .toList();
    }

    public List<ResolvedConnector> ofTenant(String tenantId) {
        return repository.ofTenant(tenantId).stream().map(this::resolve).flatMap(Optional::stream).toList();
    }

    public List<ResolvedConnector> enabledOf(String channel) {
        return repository.enabledOfChannel(channel).stream().map(this::resolve).flatMap(Optional::stream).toList();
    }

    public void invalidate(String tenantId, String channel) {
        changes.changed(SharedState.CONNECTOR, tenantId + '/' + channel);
    }

    public void invalidateTenant(String tenantId) {
        changes.changed(SharedState.TENANT_CONNECTORS, tenantId);
    }

    public String encryptSecrets(String tenantId, String channel, Map<String, String> secrets) {
        try {
            return cipher.encrypt(HubJson.mapper().writeValueAsString(secrets), aad(tenantId, channel));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> decryptSecrets(ConnectorRecord record) {
        if (record.encryptedSecrets() == null) {
            return Map.of();
        }
        try {
            return HubJson.mapper().readValue(cipher.decrypt(record.encryptedSecrets(),
                    aad(record.tenantId(), record.channel())), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored secrets are not a JSON map");
        }
    }

    private Optional<ResolvedConnector> resolve(ConnectorRecord record) {
        Optional<ChannelConnector> connector = catalog.find(record.channel());
        return connector.map(c -> {
            TenantConnector config = new TenantConnector(record.tenantId(), record.channel(), record.settings(),
                    Secrets.of(decryptSecrets(record)));
            return new ResolvedConnector(record, config, c, c.configurationProblems(config));
        });
    }

    private static String aad(String tenantId, String channel) {
        return tenantId + '/' + channel;
    }
}
