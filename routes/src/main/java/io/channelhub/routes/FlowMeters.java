package io.channelhub.routes;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code hub.flow.step{flow,channel}}: the time each flow spends on a message — the webhook's acknowledgement
 * (verify and durable enqueue), a submission's acceptance, normalization, the media fetch, status matching,
 * dispatch (gate, limits, the provider call, the outcome) and recording a dead letter. Channel is a tag: the
 * channels are a fixed set, so the series stay bounded; tenants are not (they are in the logs instead).
 */
@Component
public class FlowMeters {
    public static final String STEP = "hub.flow.step";
    /** {@code hub.flow.batch{flow}}: messages per commit of a batched flow, which is what a message costs. */
    public static final String BATCH = "hub.flow.batch";
    private final MeterRegistry registry;

    public FlowMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String flow, String channel, long nanos) {
        registry.timer(STEP, "flow", flow, "channel", channel == null ? "unknown" : channel)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void batch(String flow, int size) {
        registry.summary(BATCH, "flow", flow).record(size);
    }
}
