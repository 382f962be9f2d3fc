package io.channelhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.routes.port.Flow;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.QueuedMessage.Origin;
import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hub's topology table: where each outcome of a step goes and what the broker is told with it. The queue
 * names are written out here rather than read from {@link Topology}, so the test holds the table to the
 * contract (CONTRACT §3) and to the queues the broker is configured with, not to itself.
 */
class TopologyTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");
    /** What a step sets: routing, ordering and the hub's own bookkeeping travel unchanged. */
    private static final Map<String, Object> PROPERTIES = Map.of("tenantId", "dealer-a", "channel", "test",
            "conversationId", "conv-1", "JMSXGroupID", "conv-1", "hubAttempts", 2);

    private static final Map<Flow, String> QUEUE_OF_FLOW = new EnumMap<>(Map.of(
            Flow.NORMALIZE, "hub.intake",
            Flow.STATUS_RETRY, "hub.status-retry",
            Flow.MEDIA, "hub.media",
            Flow.SUBMIT, "hub.outbound",
            Flow.DISPATCH, "hub.dispatch",
            Flow.FALLBACK, "hub.fallback"));

    private final Topology topology = new Topology();

    private static Origin consuming(Flow flow) {
        return new Origin(flow, QUEUE_OF_FLOW.get(flow));
    }

    @Test
    void eachOutcomeOfAStepLandsOnItsQueueWithTheCallersProperties() {
        byte[] raw = "{\"account\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        // outside a consumer and inside each: only a reschedule depends on where it was made
        for (Origin consumed : Arrays.asList(null, consuming(Flow.NORMALIZE), consuming(Flow.DISPATCH))) {
            assertAddressed(Topology.address(new Outgoing.Inbound("{}", PROPERTIES), consumed), "hub.inbound");
            assertAddressed(Topology.address(new Outgoing.Event("{}", PROPERTIES), consumed), "hub.events");
            assertAddressed(Topology.address(new Outgoing.FetchMedia("{}", PROPERTIES), consumed), "hub.media");
            assertAddressed(Topology.address(new Outgoing.DeadLetter("{}", PROPERTIES), consumed), "hub.dlq");

            Topology.Addressed deliver = Topology.address(new Outgoing.Deliver("msg-1", PROPERTIES), consumed);
            assertAddressed(deliver, "hub.dispatch");
            assertThat(deliver.body()).as("dispatch reads the hub message id from the body").isEqualTo("msg-1");

            Topology.Addressed normalize = Topology.address(new Outgoing.Normalize(raw, PROPERTIES, "sha-1"),
                    consumed);
            assertThat(normalize.queue()).isEqualTo("hub.intake");
            assertThat(normalize.body()).isSameAs(raw);
            assertThat(normalize.properties()).containsAllEntriesOf(PROPERTIES)
                    .containsEntry("_AMQ_DUPL_ID", "sha-1").hasSize(PROPERTIES.size() + 1);

            Topology.Addressed later = Topology.address(new Outgoing.MatchStatusLater("{}", PROPERTIES, AT),
                    consumed);
            assertThat(later.queue()).isEqualTo("hub.status-retry");
            // Artemis reads the schedule as a long of epoch millis; an Instant or a String would be ignored
            assertThat(later.properties()).containsAllEntriesOf(PROPERTIES)
                    .containsEntry("_AMQ_SCHED_DELIVERY", AT.toEpochMilli()).hasSize(PROPERTIES.size() + 1);
            assertThat(later.properties().get("_AMQ_SCHED_DELIVERY")).isInstanceOf(Long.class);

            // a fallback's deadline is a timer the broker keeps: a scheduled message, not a thread
            Topology.Addressed check = Topology.address(new Outgoing.CheckFallback("msg-1", PROPERTIES, AT),
                    consumed);
            assertThat(check.queue()).isEqualTo("hub.fallback");
            assertThat(check.body()).isEqualTo("msg-1");
            assertThat(check.properties()).containsAllEntriesOf(PROPERTIES)
                    .containsEntry("_AMQ_SCHED_DELIVERY", AT.toEpochMilli()).hasSize(PROPERTIES.size() + 1);
        }
    }

    private static void assertAddressed(Topology.Addressed addressed, String queue) {
        assertThat(addressed.queue()).isEqualTo(queue);
        assertThat(addressed.properties()).as("nothing added for the broker on " + queue).isEqualTo(PROPERTIES);
        assertThat(addressed.properties().keySet()).noneMatch(name -> name.startsWith("_AMQ"));
    }

    @ParameterizedTest
    @EnumSource(value = Flow.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void aRescheduleGoesBackToTheQueueOfTheFlowBeingConsumedAtItsTime(Flow flow) {
        Topology.Addressed again = Topology.address(
                new Outgoing.Reschedule("body", PROPERTIES, AT, "rate limited"), consuming(flow));

        assertThat(again.queue()).isEqualTo(QUEUE_OF_FLOW.get(flow));
        assertThat(again.body()).isEqualTo("body");
        assertThat(again.properties()).containsAllEntriesOf(PROPERTIES)
                .containsEntry("_AMQ_SCHED_DELIVERY", AT.toEpochMilli()).hasSize(PROPERTIES.size() + 1);
    }

    @Test
    void aRescheduleIsRefusedWhereThereIsNoHubFlowToGoBackTo() {
        Outgoing.Reschedule again = new Outgoing.Reschedule("body", PROPERTIES, AT, "retry");

        // a webhook or an API call has no consumed message to put back
        assertThatThrownBy(() -> Topology.address(again, null)).isInstanceOf(IllegalArgumentException.class);
        // nor does the dead-letter consumer: a dead letter is replayed by ops, never retried on its own
        assertThatThrownBy(() -> Topology.address(again, new Origin(Flow.OTHER, "hub.dead")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topology.address(again, Topology.origin("hub.dlq")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Flow.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void aReplayGoesToItsFlowsQueueWhereverItIsMade(Flow flow) {
        for (Origin consumed : Arrays.asList(null, consuming(Flow.DISPATCH), new Origin(Flow.OTHER, "hub.dead"))) {
            Topology.Addressed replay = Topology.address(new Outgoing.Replay(flow, "body", PROPERTIES), consumed);

            assertThat(replay.queue()).isEqualTo(QUEUE_OF_FLOW.get(flow));
            assertThat(replay.body()).isEqualTo("body");
            assertThat(replay.properties()).isEqualTo(PROPERTIES);
        }
    }

    @Test
    void aReplayIntoNoHubFlowIsRefused() {
        assertThatThrownBy(() -> Topology.address(new Outgoing.Replay(Flow.OTHER, "body", PROPERTIES), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFlowAndItsQueueTranslateBothWays() {
        for (Flow flow : Flow.values()) {
            if (flow == Flow.OTHER) {
                assertThatThrownBy(() -> topology.queueOf(flow)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            assertThat(topology.queueOf(flow)).isEqualTo(QUEUE_OF_FLOW.get(flow));
            assertThat(topology.flowOf(topology.queueOf(flow))).isEqualTo(flow);
        }
        // stored dead letters name their queue as data: anything that is no hub flow cannot be replayed
        for (String notAFlow : List.of("hub.inbound", "hub.events", "hub.dlq", "hub.dead", "hub.intake.old",
                "HUB.INTAKE", "", "platform.orders")) {
            assertThat(topology.flowOf(notAFlow)).as(notAFlow).isEqualTo(Flow.OTHER);
        }
        assertThat(topology.flowOf(null)).isEqualTo(Flow.OTHER);
    }

    @Test
    void theOriginOfAQueueIsItsFlowAndItsName() {
        QUEUE_OF_FLOW.forEach((flow, queue) -> assertThat(Topology.origin(queue)).isEqualTo(new Origin(flow, queue)));
        assertThat(Topology.origin("hub.dead")).isEqualTo(new Origin(Flow.OTHER, "hub.dead"));
        assertThat(Topology.origin("somewhere.else")).isEqualTo(new Origin(Flow.OTHER, "somewhere.else"));
    }

    @Test
    void aMessageTheBrokerDeadLetteredIsAboutTheQueueItFailedIn() throws Exception {
        Map<String, Object> jms = new HashMap<>(PROPERTIES);
        jms.put("_AMQ_ORIG_QUEUE", "hub.media");
        jms.put("_AMQ_ORIG_ADDRESS", "hub.media");
        jms.put("_AMQ_DUPL_ID", "sha-1");
        jms.put("_AMQ_SCHED_DELIVERY", AT.toEpochMilli());
        jms.put("JMSXDeliveryCount", 3);

        QueuedMessage dead = QueuedMessages.of("body", message("ID:dead-1", jms), "hub.dead");
        // the broker's own properties stay behind, so a replay is neither dropped as a duplicate nor delayed
        assertThat(dead.properties()).isEqualTo(PROPERTIES);
        assertThat(dead.origin()).isEqualTo(new Origin(Flow.MEDIA, "hub.media"));
        assertThat(dead.deliveryCount()).isEqualTo(3);
        assertThat(dead.messageId()).isEqualTo("ID:dead-1");

        // elsewhere the original queue is no concern: a message is about the queue that carried it
        assertThat(QueuedMessages.of("body", message("ID:m-1", jms), "hub.dispatch").origin())
                .isEqualTo(new Origin(Flow.DISPATCH, "hub.dispatch"));
        Map<String, Object> lost = new HashMap<>(PROPERTIES);
        assertThat(QueuedMessages.of("body", message("ID:m-2", lost), "hub.dead").origin())
                .isEqualTo(new Origin(Flow.OTHER, "hub.dead"));
        assertThat(QueuedMessages.of("body", message("ID:m-2", lost), "hub.dead").deliveryCount()).isEqualTo(1);
    }

    /** The few calls {@link QueuedMessages} makes on a received JMS message, answered from a map. */
    private static Message message(String id, Map<String, Object> properties) {
        return (Message) Proxy.newProxyInstance(TopologyTest.class.getClassLoader(), new Class<?>[] {Message.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getJMSMessageID" -> id;
                    case "getPropertyNames" -> Collections.enumeration(properties.keySet());
                    case "propertyExists" -> properties.containsKey((String) args[0]);
                    case "getObjectProperty" -> properties.get((String) args[0]);
                    case "getStringProperty" -> String.valueOf(properties.get((String) args[0]));
                    case "getIntProperty" -> ((Number) properties.get((String) args[0])).intValue();
                    case "toString" -> "message " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
