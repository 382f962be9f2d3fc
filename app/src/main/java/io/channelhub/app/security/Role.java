package io.channelhub.app.security;

/** What a bearer token may do: the core platform's API, or the ops (admin) API. */
public enum Role {
    PLATFORM, OPS
}
