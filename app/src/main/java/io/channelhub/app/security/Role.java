package io.channelhub.app.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a bearer token may do: the core platform's API, or the ops (admin) API. */
public enum Role {
    PLATFORM("plt_"), OPS("ops_");

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

    /** Case aside, as earlier configurations wrote {@code OPS}. */
    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(id)).findFirst();
    }
}
