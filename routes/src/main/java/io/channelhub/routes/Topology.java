package io.channelhub.routes;

import io.channelhub.routes.port.Flow;
import io.channelhub.routes.port.Flows;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueLayout;
import io.channelhub.routes.port.QueuedMessage.Origin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Where each outcome of a step goes: the hub's topology in one table. The routes hand every step's outcomes to
 * {@link #address}; nothing else names a queue.
 *
 * <pre>
 * outcome            queue              how
 * Normalize          hub.intake         duplicate id: a provider's resend of the same bytes is dropped
 * Inbound            hub.inbound        (contract)
 * Event              hub.events         (contract)
 * FetchMedia         hub.media
 * Deliver            hub.dispatch
 * MatchStatusLater   hub.status-retry   scheduled
 * CheckFallback      hub.fallback       scheduled (the deadline of a fallback chain)
 * Reschedule         the consumed queue scheduled
 * DeadLetter         hub.dlq            (contract)
 * Replay             its flow's queue
 * </pre>
 */
@Component
public class Topology implements Flows, QueueLayout {
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private static final Map<Flow, String> QUEUES = Map.of(
            Flow.NORMALIZE, HubQueues.INTAKE,
            Flow.STATUS_RETRY, HubQueues.STATUS_RETRY,
            Flow.MEDIA, HubQueues.MEDIA,
            Flow.SUBMIT, HubQueues.OUTBOUND,
            Flow.DISPATCH, HubQueues.DISPATCH,
            Flow.FALLBACK, HubQueues.FALLBACK);

    /** A message ready for the broker. */
    record Addressed(String queue, Object body, Map<String, Object> properties) {
    }

    /**
     * @param consumed the flow of the message being consumed, null outside a consumer (a reschedule needs one)
     */
    static Addressed address(Outgoing out, Origin consumed) {
        if (out instanceof Outgoing.Normalize n) {
            return with(HubQueues.INTAKE, out, DUPLICATE_ID, n.duplicateId());
        } else if (out instanceof Outgoing.Inbound) {
            return to(HubQueues.INBOUND, out);
        } else if (out instanceof Outgoing.Event) {
            return to(HubQueues.EVENTS, out);
        } else if (out instanceof Outgoing.FetchMedia) {
            return to(HubQueues.MEDIA, out);
        } else if (out instanceof Outgoing.Deliver) {
            return to(HubQueues.DISPATCH, out);
        } else if (out instanceof Outgoing.MatchStatusLater later) {
            return with(HubQueues.STATUS_RETRY, out, SCHEDULED_DELIVERY, later.at().toEpochMilli());
        } else if (out instanceof Outgoing.CheckFallback check) {
            return with(HubQueues.FALLBACK, out, SCHEDULED_DELIVERY, check.at().toEpochMilli());
        } else if (out instanceof Outgoing.Reschedule again) {
            if (consumed == null || !QUEUES.containsKey(consumed.flow())) {
                throw new IllegalArgumentException("a reschedule is only possible while consuming a hub flow");
            }
            return with(QUEUES.get(consumed.flow()), out, SCHEDULED_DELIVERY, again.at().toEpochMilli());
        } else if (out instanceof Outgoing.DeadLetter) {
            return to(HubQueues.DLQ, out);
        } else if (out instanceof Outgoing.Replay replay) {
            String queue = QUEUES.get(replay.flow());
            if (queue == null) {
                throw new IllegalArgumentException("no flow to replay into: " + replay.flow());
            }
            return to(queue, out);
        }
        throw new IllegalArgumentException("unknown outcome " + out.getClass().getName());
    }

    private static Addressed to(String queue, Outgoing out) {
        return new Addressed(queue, out.body(), out.properties());
    }

    private static Addressed with(String queue, Outgoing out, String property, Object value) {
        Map<String, Object> properties = new HashMap<>(out.properties());
        properties.put(property, value);
        return new Addressed(queue, out.body(), properties);
    }

    /** The flow a queue carries; for a message dead-lettered by the broker, the queue it was consumed from. */
    static Origin origin(String queue) {
        return new Origin(flow(queue), queue);
    }

    private static Flow flow(String queue) {
        for (Map.Entry<Flow, String> e : QUEUES.entrySet()) {
            if (e.getValue().equals(queue)) {
                return e.getKey();
            }
        }
        return Flow.OTHER;
    }

    @Override
    public Flow flowOf(String queue) {
        return flow(queue);
    }

    @Override
    public String queueOf(Flow flow) {
        String queue = QUEUES.get(flow);
        if (queue == null) {
            throw new IllegalArgumentException("no queue carries " + flow);
        }
        return queue;
    }

    @Override
    public List<String> all() {
        return List.of(HubQueues.ALL);
    }

    @Override
    public String deadLetterAddress() {
        return HubQueues.DEAD;
    }

    @Override
    public List<String> entries() {
        return List.of(HubQueues.INTAKE, HubQueues.OUTBOUND);
    }

    @Override
    public List<String> providerBound() {
        return List.of(HubQueues.DISPATCH, HubQueues.MEDIA);
    }

    @Override
    public List<String> terminal() {
        return List.of(HubQueues.DEAD, HubQueues.DLQ);
    }
}
