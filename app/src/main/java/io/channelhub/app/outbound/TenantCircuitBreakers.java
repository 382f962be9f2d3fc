package io.channelhub.app.outbound;

import io.channelhub.app.HubProperties;
import io.channelhub.core.error.TransientChannelException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker and one rate limiter per (tenant, channel), so one tenant's failing or throttled
 * provider account never holds up another's. Resilience4j is used directly rather than through Camel's
 * circuitBreaker EIP, whose breaker is fixed per route node: here the breaker is chosen per message.
 * Only transient provider failures count against a breaker; a permanent refusal is the message's fault.
 */
@Component
public class TenantCircuitBreakers {
    /** Connector setting overriding the hub's default send rate. */
    public static final String RATE_SETTING = "rateLimitPerSecond";
    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    private final int defaultRate;

    public TenantCircuitBreakers(HubProperties hub, MeterRegistry meters) {
        HubProperties.Breaker b = hub.breaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowSize())
                .minimumNumberOfCalls(b.minimumNumberOfCalls())
                .waitDurationInOpenState(b.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(b.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(TransientChannelException.class)
                .build());
        this.defaultRate = b.defaultRatePerSecond();
        // resilience4j_circuitbreaker_state{name="<tenant>/<channel>"} and friends: one series per configured
        // connector, so the tenant tag is bounded by configuration
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
    }

    public CircuitBreaker breaker(String tenantId, String channel) {
        return breakers.circuitBreaker(tenantId + '/' + channel);
    }

    /** The current state, for ops; CLOSED for a breaker never used. */
    public String state(String tenantId, String channel) {
        return breakers.find(tenantId + '/' + channel).map(cb -> cb.getState().name()).orElse("CLOSED");
    }

    /** The send-rate limiter; re-created when the connector's configured rate changes. */
    public RateLimiter limiter(String tenantId, String channel, Map<String, String> settings) {
        int rate = rate(settings);
        String name = tenantId + '/' + channel;
        RateLimiter limiter = limiters.rateLimiter(name, () -> config(rate));
        if (limiter.getRateLimiterConfig().getLimitForPeriod() != rate) {
            limiter.changeLimitForPeriod(rate);
        }
        return limiter;
    }

    private int rate(Map<String, String> settings) {
        try {
            String value = settings.get(RATE_SETTING);
            return value == null ? defaultRate : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return defaultRate;
        }
    }

    private static RateLimiterConfig config(int rate) {
        return RateLimiterConfig.custom().limitForPeriod(rate).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build();
    }
}
