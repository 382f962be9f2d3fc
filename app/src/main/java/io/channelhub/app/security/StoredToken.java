package io.channelhub.app.security;

/**
 * A token row as the start-up sync and revocation compare it: by value (its hash), role and scope.
 *
 * @param tenantId null for ops tokens and platform tokens of every tenant
 */
record StoredToken(String name, Role role, String tenantId, TokenSource source, String hash) {

    /** For log lines: the tenant a platform token is scoped to, or {@code all}. */
    String scope() {
        return tenantId == null ? "all" : tenantId;
    }

    @Override
    public String toString() {
        return "StoredToken[name=" + name + ", role=" + role + ", tenantId=" + tenantId + ", source=" + source
                + ", hash=***]";
    }
}
