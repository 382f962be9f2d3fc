package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.CredentialRenewal;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;
import java.util.Map;

/**
 * Keeps a tenant's long-lived Instagram user token (setup {@code instagramLogin}) alive: Meta answers a new token
 * valid for 60 days, once the old one is at least 24 h old and not expired (PROTOCOLS.md §10.1). A Page token of
 * the {@code facebookPage} setup does not expire this way and is never renewed.
 * https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 */
final class InstagramTokenRenewal implements CredentialRenewal {
    /**
     * Daily: the age of a token ops paste is unknown, so waiting longer risks one that was close to its 60 days;
     * Meta refreshes only tokens 24 h old, and a call per tenant per day costs nothing.
     */
    static final Duration EVERY = Duration.ofHours(24);

    private final InstagramApiClient api;

    InstagramTokenRenewal(InstagramApiClient api) {
        this.api = api;
    }

    @Override
    public Duration renewEvery(TenantConnector connector) {
        return setup(connector) == InstagramSetup.INSTAGRAM_LOGIN ? EVERY : Duration.ZERO;
    }

    @Override
    public Renewed renew(TenantConnector connector) {
        InstagramSettings settings = InstagramSettings.of(connector, api.config().apiVersion());
        if (settings.setup() != InstagramSetup.INSTAGRAM_LOGIN) {
            throw new PermanentChannelException(ReasonCodes.INVALID_REQUEST, null,
                    "only Instagram user tokens (instagramSetup instagramLogin) are renewed");
        }
        // {"access_token":"IGAA…","token_type":"bearer","expires_in":5183944}
        JsonNode answer = api.refreshToken(settings);
        String token = WebhookText.of(answer, "access_token");
        long seconds = answer.path("expires_in").asLong(0);
        if (token == null || seconds <= 0) {
            throw TransientChannelException.unavailable("Instagram token refresh answered no token", null);
        }
        return new Renewed(Map.of(InstagramSettings.PAGE_ACCESS_TOKEN, token), Duration.ofSeconds(seconds));
    }

    private InstagramSetup setup(TenantConnector connector) {
        try {
            return InstagramSettings.of(connector, api.config().apiVersion()).setup();
        } catch (RuntimeException e) {
            return null; // unusable settings: refused at save, nothing to renew
        }
    }
}
