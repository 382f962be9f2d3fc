package io.channelhub.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The canonical message to and from JSON with the hub's one mapper, as published on hub.inbound. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalJsonBenchmark {
    private CanonicalMessage message;
    private String json;

    @Setup
    public void setUp() throws JsonProcessingException {
        message = new CanonicalMessage("0193a5b2-7c1e-7d3f-9a0b-1c2d3e4f5a6b", "dealer-042", "whatsapp",
                Direction.INBOUND, new Party("+31612345678", "Jan de Vries"), Party.of("+15550783881"),
                ConversationIds.derive("dealer-042", "whatsapp", "+31612345678"),
                "wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM31", Instant.parse("2026-11-21T10:00:00Z"),
                TextContent.of("Is de auto nog beschikbaar? Graag een proefrit deze week."), null,
                Map.of("bsuid", "US.13491208655302741918"), null, null);
        json = HubJson.mapper().writeValueAsString(message);
        if (!HubJson.mapper().readValue(json, CanonicalMessage.class).equals(message)) {
            throw new IllegalStateException("the canonical message does not survive a JSON round trip");
        }
    }

    @Benchmark
    public String serialize() throws JsonProcessingException {
        return HubJson.mapper().writeValueAsString(message);
    }

    @Benchmark
    public CanonicalMessage deserialize() throws JsonProcessingException {
        return HubJson.mapper().readValue(json, CanonicalMessage.class);
    }
}
