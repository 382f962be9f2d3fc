package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Set;

/**
 * One further attempt of a submission's {@code fallback} list (CONTRACT §7): the channel to try next, and
 * what moves the message on to it. {@code to} and {@code content} default to the original's.
 *
 * @param on     the conditions of the attempt before this one that lead here
 * @param within for {@link FallbackCondition#NOT_DELIVERED_WITHIN}: how long the attempt before this one
 *               may stay undelivered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FallbackAttempt(String channel, Party to, Content content, Set<FallbackCondition> on,
                              Duration within) {

    public FallbackAttempt {
        on = on == null ? Set.of() : Set.copyOf(on);
    }
}
