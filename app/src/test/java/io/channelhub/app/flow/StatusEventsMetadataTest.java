package io.channelhub.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events echo the caller's metadata, read from the stored message without binding the rest of it. */
class StatusEventsMetadataTest {

    private static MessageRecord stored(String body) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        return new MessageRecord("m-1", 1, "t-1", "whatsapp", Direction.OUTBOUND, "c-1", "+31600000001", null,
                DeliveryStatus.ACCEPTED, "utility", body, null, 0, null, null, now, now);
    }

    @Test
    void theMetadataOfAStoredCanonicalMessageIsEchoedWhateverFieldsSurroundIt() {
        Map<String, Object> metadata = Map.of("orderId", "A-1", "nested", Map.of("list", List.of(1, 2)), "n", 3);
        CanonicalMessage message = new CanonicalMessage("m-1", "t-1", "whatsapp", Direction.OUTBOUND, null,
                new Party("+31600000001", null), "c-1", null, Instant.now(), TextContent.of("hi"), null,
                metadata, null, null);
        assertThat(StatusEvents.echoOf(stored(Messages.json(message))).metadata()).isEqualTo(metadata);
    }

    @Test
    void noMetadataNullMetadataAndUnreadableBodiesEchoNothing() {
        assertThat(StatusEvents.echoOf(stored("{\"id\":\"m-1\",\"content\":{\"metadata\":{\"x\":1}}}")).metadata())
                .isEmpty();
        assertThat(StatusEvents.echoOf(stored("{\"metadata\":null,\"id\":\"m-1\"}")).metadata()).isEmpty();
        assertThat(StatusEvents.echoOf(stored("{\"metadata\":{\"x\":")).metadata()).isEmpty();
        assertThat(StatusEvents.echoOf(stored("[1,2]")).metadata()).isEmpty();
        assertThat(StatusEvents.echoOf(stored(null)).metadata()).isEmpty();
    }
}
