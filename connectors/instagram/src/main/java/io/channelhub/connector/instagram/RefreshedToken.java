package io.channelhub.connector.instagram;

import java.time.Duration;

/**
 * A refreshed Instagram user token and how long it lasts, for the hub to store encrypted as the tenant's
 * {@code pageAccessToken}. Not printable: {@code toString} hides the token.
 */
public record RefreshedToken(String token, Duration expiresIn) {
    @Override
    public String toString() {
        return "RefreshedToken[token=***, expiresIn=" + expiresIn + "]";
    }
}
