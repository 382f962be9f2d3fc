package io.channelhub.routes.port;

/** Renews the tenant credentials that expire unless the hub renews them (Instagram user tokens). */
public interface Renewals {
    void renewDue();
}
