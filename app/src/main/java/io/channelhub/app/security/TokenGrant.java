package io.channelhub.app.security;

import java.time.Instant;

/**
 * What a stored token grants, as the cache keeps it. The expiry travels with it so that it is checked at
 * every request: a cached grant is never valid past {@code expiresAt}.
 *
 * @param expiresAt null when the token does not expire
 */
record TokenGrant(Caller caller, Instant expiresAt) {

    boolean validAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
