package io.channelhub.app.security;

import io.channelhub.app.HubProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start, before the web server takes a request (so health never says UP while a configured token is still
 * refused): syncs the configured tokens and, when the shared store then holds no ops and no platform token (a
 * configured monitoring token alone opens neither API), generates one ops and one platform token and prints each
 * once. They cannot be shown again: only hashes are kept.
 * Instances starting together on an empty database race to store the pair in one transaction; the unique
 * names let exactly one win, and only the winner prints. The others use the pair from the store.
 */
@Component
class TokenBootstrap implements SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(TokenBootstrap.class);
    private final ConfiguredTokenSync sync;
    private final TokenStore store;
    private final HubProperties hub;

    TokenBootstrap(ConfiguredTokenSync sync, TokenStore store, HubProperties hub) {
        this.sync = sync;
        this.store = store;
        this.hub = hub;
    }

    /** Runs once every singleton (the migrated database among them) exists, before the web server starts. */
    @Override
    public void afterSingletonsInstantiated() {
        sync.sync();
        if (store.holdsNoApiToken() && hub.security().generateOnFirstStart()) {
            generate();
        }
    }

    private void generate() {
        String ops = TokenHashes.newToken(Role.OPS.tokenPrefix());
        String platform = TokenHashes.newToken(Role.PLATFORM.tokenPrefix());
        boolean stored = store.insertTogether(List.of(
                new StoredToken("generated-ops", Role.OPS, null, TokenSource.GENERATED, TokenHashes.hash(ops)),
                new StoredToken("generated-platform", Role.PLATFORM, null, TokenSource.GENERATED,
                        TokenHashes.hash(platform))));
        if (!stored) {
            LOG.info("First start: another hub instance generated the API tokens at the same moment (its log shows them); using those");
            return;
        }
        // Printed once, on purpose: this is how ops learn the first tokens. Only hashes are stored.
        LOG.warn("First start: generated API tokens. They are shown only now; store them safely.");
        LOG.warn("ops token: {}", ops);
        LOG.warn("platform token: {}", platform);
    }
}
