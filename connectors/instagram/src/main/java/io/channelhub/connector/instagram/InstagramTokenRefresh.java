package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;

/**
 * Refreshes a tenant's long-lived Instagram user token (setup {@code instagramLogin}): Meta answers a new token
 * valid for 60 days, once the old one is at least 24 h old and not expired (PROTOCOLS.md §10.1). Deciding when
 * to refresh and storing the new token encrypted is the hub's; a Page token of the {@code facebookPage} setup
 * does not expire this way and is refused.
 * https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 */
final class InstagramTokenRefresh {

    private final InstagramApiClient api;

    InstagramTokenRefresh(InstagramApiClient api) {
        this.api = api;
    }

    RefreshedToken refresh(TenantConnector connector) {
        InstagramSettings settings = InstagramSettings.of(connector, api.config().apiVersion());
        if (settings.setup() != InstagramSetup.INSTAGRAM_LOGIN) {
            throw new PermanentChannelException(ReasonCodes.INVALID_REQUEST, null,
                    "only Instagram user tokens (instagramSetup instagramLogin) are refreshed");
        }
        // {"access_token":"IGAA…","token_type":"bearer","expires_in":5183944}
        JsonNode answer = api.refreshToken(settings);
        String token = WebhookText.of(answer, "access_token");
        long seconds = answer.path("expires_in").asLong(0);
        if (token == null || seconds <= 0) {
            throw TransientChannelException.unavailable("Instagram token refresh answered no token", null);
        }
        return new RefreshedToken(token, Duration.ofSeconds(seconds));
    }
}
