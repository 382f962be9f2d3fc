package io.channelhub.app.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bearer token may do: the core platform's API, the ops (admin) API, or read the hub's health details and
 * metrics ({@code /actuator}, which ops tokens may read too): what a Prometheus needs and no more.
 */
public enum Role {
    PLATFORM("plt_"), OPS("ops_"), MONITORING("mon_");

    private final String tokenPrefix;

    Role(String tokenPrefix) {
        this.tokenPrefix = tokenPrefix;
    }

    /** As written in configuration and JSON: {@code ops}, {@code platform}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Generated values start with it, so a token found in a chat or a file tells what it opens. */
    String tokenPrefix() {
        return tokenPrefix;
    }

    /** Only the platform's tokens act for tenants, and may be scoped to one. */
    public boolean mayBeScoped() {
        return this == PLATFORM;
    }

    /** May read the actuator's health details and metrics. */
    public boolean monitors() {
        return this == OPS || this == MONITORING;
    }

    /** The roles as configuration and JSON write them, for messages. */
    public static String ids() {
        return "ops, platform or monitoring";
    }

    /** Case aside, as earlier configurations wrote {@code OPS}. */
    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(id)).findFirst();
    }
}
