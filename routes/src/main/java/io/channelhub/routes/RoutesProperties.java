package io.channelhub.routes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many consumers each flow runs ({@code hub.routes.*}). The one-message flows grow from {@code consumers}
 * to {@code max-consumers} under load; the normalize flow takes its queue in batches.
 */
@Validated
@ConfigurationProperties("hub.routes")
public record RoutesProperties(
        @Valid @DefaultValue Normalize normalize,
        @Valid @DefaultValue Consumers status,
        @Valid @DefaultValue Consumers media,
        @Valid @DefaultValue Consumers outbound,
        @Valid @DefaultValue Consumers dispatch,
        @Valid @DefaultValue Consumers fallback,
        @Valid @DefaultValue Consumers deadLetters) {

    /**
     * @param batchSize how many intake messages share one database and one JMS commit
     * @param linger    how long a consumer holding fewer than {@code batchSize} waits for more before it
     *                  commits: the ack path is not kept waiting, and a fuller batch costs less per message
     * @param isolation after a batch failed, how long messages are taken one at a time, so the one that
     *                  fails is isolated and the others pass
     */
    public record Normalize(@Min(1) @DefaultValue("2") int consumers,
                            @Min(1) @DefaultValue("100") int batchSize,
                            @NotNull @DefaultValue("20ms") Duration linger,
                            @NotNull @DefaultValue("10s") Duration isolation) {
    }

    public record Consumers(@Min(1) @DefaultValue("2") int consumers, @Min(1) @DefaultValue("8") int maxConsumers) {
    }
}
