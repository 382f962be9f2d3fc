package io.channelhub.app.inbound;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Remembers which contacts' last-inbound time was written lately, so a chatty contact's row is updated
 * once a minute rather than for every message (the row is what the 24-hour window is computed from; a
 * minute of lag does not matter there, a per-message row lock under load does).
 */
final class RecentContacts {
    static final Duration RESOLUTION = Duration.ofMinutes(1);
    private final Map<String, Written> written = Caffeine.newBuilder().maximumSize(200_000)
            .<String, Written>build().asMap();

    private record Written(Instant at, String conversationId) {
    }

    /** True when the contact's row needs writing for an inbound message at {@code at}. */
    boolean needsWrite(String key, String conversationId, Instant at) {
        Written last = written.get(key);
        return last == null || !last.conversationId().equals(conversationId)
                || at.isAfter(last.at().plus(RESOLUTION));
    }

    void written(String key, String conversationId, Instant at) {
        written.put(key, new Written(at, conversationId));
    }

    void forget(String key) {
        written.remove(key);
    }
}
