package io.channelhub.app.outbound;

import io.channelhub.app.HubProperties;
import io.channelhub.core.error.TransientChannelException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per (tenant, channel), so one tenant's failing provider account never holds up another's.
 * Each instance keeps its own: an instance learns a provider is failing from its own calls within a few of them,
 * which needs no sharing (the send rate, which must hold for the cluster, is {@link SendRates}). Resilience4j is
 * used directly rather than through Camel's circuitBreaker EIP, whose breaker is fixed per route node: here the
 * breaker is chosen per message.
 * Only transient provider failures count against a breaker; a permanent refusal is the message's fault.
 */
@Component
public class TenantCircuitBreakers {
    private final CircuitBreakerRegistry breakers;

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
        // resilience4j_circuitbreaker_state{name="<tenant>/<channel>"} and friends: one series per configured
        // connector, so the tenant tag is bounded by configuration
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    public CircuitBreaker breaker(String tenantId, String channel) {
        return breakers.circuitBreaker(tenantId + '/' + channel);
    }

    /** The current state, for ops; CLOSED for a breaker never used. */
    public String state(String tenantId, String channel) {
        return breakers.find(tenantId + '/' + channel).map(cb -> cb.getState().name()).orElse("CLOSED");
    }
}
