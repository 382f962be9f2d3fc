package io.channelhub.routes.port;

/** Periodic erasure: retention, expired idempotency keys, offboarded tenants past their grace period. */
public interface Housekeeping {
    void run();
}
