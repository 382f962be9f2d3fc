package io.channelhub.core.error;

import io.channelhub.core.model.ReasonCodes;
import java.time.Duration;
import java.util.Optional;

/**
 * The call may succeed later (timeout, 5xx, throttling). The hub retries with backoff; the connector
 * never sleeps or loops itself. {@code retryAfter} carries the provider's hint, if it gave one.
 */
public final class TransientChannelException extends ChannelException {
    private final Duration retryAfter;

    public TransientChannelException(String reasonCode, String providerCode, String message, Duration retryAfter,
                                     Throwable cause) {
        super(reasonCode, providerCode, message, cause);
        this.retryAfter = retryAfter;
    }

    public static TransientChannelException unavailable(String message, Throwable cause) {
        return new TransientChannelException(ReasonCodes.PROVIDER_UNAVAILABLE, null, message, null, cause);
    }

    public static TransientChannelException rateLimited(String providerCode, String message, Duration retryAfter) {
        return new TransientChannelException(ReasonCodes.RATE_LIMITED, providerCode, message, retryAfter, null);
    }

    @Override
    public TransientChannelException redactedCopy(String message) {
        return new TransientChannelException(reasonCode(), providerCode(), message, retryAfter, null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
