package io.channelhub.routes.port;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's one retry and dead-letter policy ({@code hub.retry.*}), for every flow:
 * <ul>
 *   <li>a failure that may pass (a provider's 5xx or 429, a timeout, a media download, a message a step cannot
 *       yet handle) is tried at most {@code maxAttempts} times, {@link #delayAfter exponentially} apart, never
 *       sooner than the provider's Retry-After; then the message is dead-lettered with {@code retries_exhausted}
 *       (an outbound one also ends {@code failed});</li>
 *   <li>waiting spends no attempt: behind an open circuit ({@code circuitOpenDelay}, at most {@code maxWait} in
 *       all), behind a rate limit ({@code rateLimitedDelay}), behind an earlier message of the conversation
 *       (until that one ends and wakes it; {@link #orderingWait} is only the backstop), and in quiet hours
 *       (until they end);</li>
 *   <li>a provider report for a send not yet recorded is matched again {@code statusMatchAttempts} times, then
 *       dropped and counted;</li>
 *   <li>what a step throws on rolls back and is redelivered by the broker ({@code redelivery}): the backstop for
 *       what no step decided, after which the broker moves it to the dead letters, where the hub records it.</li>
 * </ul>
 * Steps ask this policy; the routes turn their {@code Reschedule} into a scheduled message; the embedded
 * broker's address settings take {@code redelivery} (and config/artemis/broker.xml repeats it for an external
 * broker, checked by ExternalBrokerConfigurationTest).
 */
@Validated
@ConfigurationProperties("hub.retry")
public record RetryPolicy(
        @Min(1) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("1s") Duration initialDelay,
        @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
        @NotNull @DefaultValue("5m") Duration maxDelay,
        @NotNull @DefaultValue("5s") Duration circuitOpenDelay,
        @NotNull @DefaultValue("200ms") Duration rateLimitedDelay,
        @NotNull @DefaultValue("500ms") Duration orderingDelay,
        @NotNull @DefaultValue("10s") Duration orderingMaxDelay,
        @NotNull @DefaultValue("24h") Duration maxWait,
        @Min(1) @DefaultValue("5") int statusMatchAttempts,
        @Valid @DefaultValue Redelivery redelivery) {

    /**
     * The broker's redelivery of a message whose step threw: {@code attempts} deliveries, {@code delay} doubling
     * up to {@code maxDelay}, then the hub's dead-letter address.
     */
    public record Redelivery(@Min(1) @DefaultValue("8") int attempts,
                             @NotNull @DefaultValue("1s") Duration delay,
                             @NotNull @DefaultValue("60s") Duration maxDelay) {
    }

    /** The backoff before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }

    /**
     * After {@code attempts} failed attempts: how long to wait before the next (the backoff, or the provider's
     * Retry-After when longer), or empty when the attempts are spent.
     */
    public Optional<Duration> nextRetry(int attempts, Optional<Duration> retryAfter) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration backoff = delayAfter(attempts);
        return Optional.of(retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff));
    }

    /**
     * How long a message waits behind an earlier one of its conversation for the {@code waits}th time before it
     * looks again: {@code orderingDelay}, doubling up to {@code orderingMaxDelay}. The earlier message wakes it
     * when it ends, so this is the backstop for a wake that cannot come (the earlier one ended outside dispatch,
     * or was never queued); growing, so that a deep backlog is not reshuffled on the broker every half second.
     */
    public Duration orderingWait(int waits) {
        double millis = orderingDelay.toMillis() * Math.pow(2, Math.max(0, Math.min(waits - 1, 30)));
        return Duration.ofMillis((long) Math.min(millis, orderingMaxDelay.toMillis()));
    }

    /** Whether a message redelivered {@code deliveryCount} times has had its attempts. */
    public boolean spent(int deliveryCount) {
        return deliveryCount >= maxAttempts;
    }
}
