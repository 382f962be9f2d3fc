package io.channelhub.app.security;

import io.channelhub.app.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the tokens given in configuration (hashed) and, on a first start with none at all, generates
 * one ops and one platform token and prints each once. They cannot be shown again: only hashes are kept.
 */
@Component
@Order(0)
class TokenBootstrap implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TokenBootstrap.class);
    private final ApiTokens tokens;
    private final HubProperties hub;

    TokenBootstrap(ApiTokens tokens, HubProperties hub) {
        this.tokens = tokens;
        this.hub = hub;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (HubProperties.ConfiguredToken t : hub.security().tokens()) {
            if (t.token() == null || t.token().length() < 16) {
                throw new IllegalStateException("configured token " + t.name() + " must be at least 16 characters");
            }
            if (!tokens.exists(t.name())) {
                tokens.store(t.name(), Role.valueOf(t.role().toUpperCase()), t.tenantId(), t.token());
            }
        }
        if (tokens.isEmpty() && hub.security().generateOnFirstStart()) {
            String ops = TokenHashes.newToken("ops_");
            String platform = TokenHashes.newToken("plt_");
            tokens.store("generated-ops", Role.OPS, null, ops);
            tokens.store("generated-platform", Role.PLATFORM, null, platform);
            // Printed once, on purpose: this is how ops learn the first tokens. Only hashes are stored.
            LOG.warn("First start: generated API tokens. They are shown only now; store them safely.");
            LOG.warn("ops token: {}", ops);
            LOG.warn("platform token: {}", platform);
        }
    }
}
