package io.channelhub.app.security;

import io.channelhub.app.HubProperties;
import io.channelhub.app.HubProperties.ConfiguredToken;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Makes the stored configured tokens what the configuration says, at every start: a new name is stored, a
 * changed value, role or scope replaces the stored one (the old value is refused from then on), and a name
 * no longer configured is deleted. Tokens made through the API or generated at first start are left alone.
 * Every step is idempotent, so instances starting together with one configuration converge on one set.
 */
@Component
class ConfiguredTokenSync {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredTokenSync.class);
    private final TokenStore store;
    private final HubProperties hub;

    ConfiguredTokenSync(TokenStore store, HubProperties hub) {
        this.store = store;
        this.hub = hub;
    }

    void sync() {
        List<StoredToken> configured = configured(hub.security().tokens());
        configured.forEach(this::apply);
        Set<String> names = new HashSet<>(configured.stream().map(StoredToken::name).toList());
        for (String name : store.names(TokenSource.CONFIG)) {
            if (!names.contains(name) && store.delete(name)) {
                LOG.warn("API token {} revoked by the configuration: the name is no longer configured", name);
            }
        }
    }

    private void apply(StoredToken wanted) {
        if (store.isRevoked(wanted.hash())) {
            LOG.error("Configured API token {} is not stored: its value was revoked through the API. Give it a new "
                    + "value in the configuration.", wanted.name());
            return;
        }
        Optional<StoredToken> stored = store.find(wanted.name());
        if (stored.isEmpty()) {
            try {
                store.insert(wanted, null);
                LOG.info("API token {} (role {}, tenant {}) stored from the configuration", wanted.name(),
                        wanted.role().id(), wanted.scope());
                return;
            } catch (DuplicateKeyException e) {
                // another instance stored it at the same moment (or another token has this value): re-read
                stored = store.find(wanted.name());
            }
        }
        if (stored.isEmpty()) {
            LOG.error("Configured API token {} is not stored: another token has the same value", wanted.name());
        } else if (stored.get().source() != TokenSource.CONFIG) {
            LOG.error("Configured API token {} is not stored: that name belongs to a token {} (revoke it first)",
                    wanted.name(), stored.get().source() == TokenSource.API ? "made through the API" : "generated");
        } else if (!stored.get().equals(wanted)) {
            store.replaceConfigured(wanted);
            LOG.warn("API token {} (role {}, tenant {}) replaced by the configuration: the previous value is refused",
                    wanted.name(), wanted.role().id(), wanted.scope());
        }
    }

    /** The configured tokens, checked: a mistake here stops the start rather than leave a token unusable. */
    private static List<StoredToken> configured(List<ConfiguredToken> tokens) {
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        return tokens.stream().map(t -> {
            String name = t.name() == null ? "" : t.name();
            if (!TokenNames.isValid(name) || !names.add(name)) {
                throw new IllegalStateException("configured token name '" + name + "' is missing, invalid ("
                        + TokenNames.RULE + ") or given twice");
            }
            Role role = Role.of(t.role()).orElseThrow(() -> new IllegalStateException(
                    "configured token " + name + " needs role " + Role.ids()));
            if (!role.mayBeScoped() && t.tenantId() != null) {
                throw new IllegalStateException("configured token " + name + " is an " + role.id()
                        + " token: only platform tokens take a tenant-id");
            }
            if (t.token() == null || t.token().length() < 16) {
                throw new IllegalStateException("configured token " + name + " must be at least 16 characters");
            }
            String hash = TokenHashes.hash(t.token());
            if (!hashes.add(hash)) {
                throw new IllegalStateException("configured token " + name + " has the same value as another one");
            }
            return new StoredToken(name, role, t.tenantId(), TokenSource.CONFIG, hash);
        }).toList();
    }
}
