package io.channelhub.bench.jmh;

import io.channelhub.connector.whatsapp.WhatsAppConnectorFactory;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The WhatsApp connector's normalizer on Meta's text webhook and on a batch (2 entries, 3 messages, 2 statuses). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NormalizationBenchmark {

    @Param({"text", "batch-multi-entry"})
    public String fixture;

    private InboundNormalizer normalizer;
    private InboundPayload payload;

    @Setup
    public void setUp() throws IOException {
        ConnectorEnvironment environment = new ConnectorEnvironment() {
            @Override
            public Optional<String> property(String name) {
                return Optional.empty();
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
        normalizer = new WhatsAppConnectorFactory().create(environment).normalizer();
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/whatsapp/inbound/" + fixture + ".json")) {
            body = in.readAllBytes();
        }
        payload = new InboundPayload("bench", "whatsapp", body, Map.of(), Instant.parse("2026-11-21T10:00:00Z"));
        if (normalizer.normalize(payload).isEmpty()) {
            throw new IllegalStateException("the " + fixture + " fixture normalizes to nothing");
        }
    }

    @Benchmark
    public List<InboundEvent> normalize() {
        return normalizer.normalize(payload);
    }
}
