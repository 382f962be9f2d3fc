package io.channelhub.app.outbound;

import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.registry.ResolvedConnector;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Dispatch, second step: the tenant's circuit breaker and send rate for the connector. Answers the breaker's
 * permission to call, or why there is none; a message turned away here waits without spending an attempt.
 */
@Component
class DispatchThrottle {
    private final TenantCircuitBreakers breakers;
    private final SendRates rates;
    private final MeterRegistry meters;

    DispatchThrottle(TenantCircuitBreakers breakers, SendRates rates, MeterRegistry meters) {
        this.breakers = breakers;
        this.rates = rates;
        this.meters = meters;
    }

    /** Why a message may not call the provider now. */
    enum Hold {
        CIRCUIT_OPEN, RATE_LIMITED
    }

    /** The breaker to report the call's outcome to, and, when the call may not be made now, why. */
    record Permit(CircuitBreaker breaker, Hold hold) {
    }

    Permit acquire(ResolvedConnector connector) {
        String tenantId = connector.config().tenantId();
        String channel = connector.config().channel();
        CircuitBreaker breaker = breakers.breaker(tenantId, channel);
        if (!breaker.tryAcquirePermission()) {
            return new Permit(breaker, Hold.CIRCUIT_OPEN);
        }
        if (!rates.tryTake(tenantId, channel, connector.config().settings())) {
            breaker.releasePermission();
            meters.counter(HubMeters.DISPATCH_DEFERRED, "reason", "rate_limited").increment();
            return new Permit(breaker, Hold.RATE_LIMITED);
        }
        return new Permit(breaker, null);
    }
}
