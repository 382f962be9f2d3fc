package io.channelhub.app.cluster;

/** State in the shared database that instances cache; a change to one is announced to all ({@link ClusterChanges}). */
public enum SharedState {
    /** API tokens; the key is ignored and every cached answer forgotten (no token's hash goes on the wire). */
    TOKENS,
    /** Whether a tenant is active; key: the tenant id. */
    TENANT,
    /** A tenant's connector (settings, secrets, enablement, health); key: {@code tenant/channel}. */
    CONNECTOR,
    /** All connectors of a tenant (offboarding); key: the tenant id. */
    TENANT_CONNECTORS,
    /** A tenant's default fallback chains; key: the tenant id. */
    FALLBACK_DEFAULTS
}
