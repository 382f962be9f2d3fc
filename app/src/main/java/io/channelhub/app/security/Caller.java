package io.channelhub.app.security;

/**
 * The authenticated caller of an API request.
 *
 * @param tenantId for platform tokens scoped to one tenant; null when unscoped
 */
public record Caller(String tokenName, Role role, String tenantId) {

    public boolean mayActFor(String tenant) {
        return tenantId == null || tenantId.equals(tenant);
    }
}
