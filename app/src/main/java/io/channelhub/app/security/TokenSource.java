package io.channelhub.app.security;

import java.util.Locale;

/**
 * Where a stored token came from. The start-up sync owns {@link #CONFIG} rows only; the others change only
 * through the admin API, so a restart never undoes what ops did at runtime.
 */
enum TokenSource {
    CONFIG, API, GENERATED;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TokenSource of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
