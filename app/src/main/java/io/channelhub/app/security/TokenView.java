package io.channelhub.app.security;

import java.time.Instant;

/** A token as {@code GET /admin/v1/tokens} lists it: never its value or hash. */
public record TokenView(String name, String role, String tenantId, String source, Instant createdAt,
                        Instant lastUsedAt, Instant expiresAt) {
}
