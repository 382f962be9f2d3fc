package io.channelhub.routes.port;

import java.time.Instant;
import java.util.Map;

/**
 * What a step wants to happen next with a message, by meaning: the routes map each kind to its queue
 * ({@code io.channelhub.routes.Topology}) and send it inside the consumer's transaction. A body that is a
 * JSON string becomes a TextMessage, bytes a BytesMessage; the properties are the JMS properties consumers
 * filter and order by ({@code tenantId}, {@code channel}, {@code conversationId}, {@code JMSXGroupID}, ...).
 */
public sealed interface Outgoing {
    Object body();

    Map<String, Object> properties();

    /**
     * A raw webhook payload or polled item, to be normalized.
     *
     * @param duplicateId the same for a provider's resend of the same bytes: the broker keeps one of them
     */
    record Normalize(byte[] body, Map<String, Object> properties, String duplicateId) implements Outgoing {
        public Normalize {
            properties = Map.copyOf(properties);
        }
    }

    /** A canonical inbound message for the core platform. */
    record Inbound(String body, Map<String, Object> properties) implements Outgoing {
        public Inbound {
            properties = Map.copyOf(properties);
        }
    }

    /** A status, contact or connector-health event for the core platform. */
    record Event(String body, Map<String, Object> properties) implements Outgoing {
        public Event {
            properties = Map.copyOf(properties);
        }
    }

    /** An inbound message whose media the hub fetches into its storage before publishing it. */
    record FetchMedia(String body, Map<String, Object> properties) implements Outgoing {
        public FetchMedia {
            properties = Map.copyOf(properties);
        }
    }

    /** An accepted outbound message (its hub id as the body), to be sent to its provider. */
    record Deliver(String messageId, Map<String, Object> properties) implements Outgoing {
        public Deliver {
            properties = Map.copyOf(properties);
        }

        @Override
        public Object body() {
            return messageId;
        }
    }

    /**
     * A check whether an outbound message moves on to the next attempt of its fallback chain (its hub id as the
     * body), no earlier than {@code at}: now when it ended undelivered, or at its {@code not_delivered_within}
     * deadline.
     */
    record CheckFallback(String messageId, Map<String, Object> properties, Instant at) implements Outgoing {
        public CheckFallback {
            properties = Map.copyOf(properties);
        }

        @Override
        public Object body() {
            return messageId;
        }
    }

    /** A provider report for a send not recorded yet, matched again no earlier than {@code at}. */
    record MatchStatusLater(String body, Map<String, Object> properties, Instant at) implements Outgoing {
        public MatchStatusLater {
            properties = Map.copyOf(properties);
        }
    }

    /**
     * The consumed message again, in the same flow, no earlier than {@code at}: a retry after a transient failure,
     * or a wait (behind an open circuit, a rate limit, quiet hours, an earlier message of the conversation).
     */
    record Reschedule(Object body, Map<String, Object> properties, Instant at, String reason) implements Outgoing {
        public Reschedule {
            properties = Map.copyOf(properties);
        }
    }

    /** A message the hub gave up on, as the dead-letter envelope ops read. */
    record DeadLetter(String body, Map<String, Object> properties) implements Outgoing {
        public DeadLetter {
            properties = Map.copyOf(properties);
        }
    }

    /** A dead letter put back into the flow it failed in. */
    record Replay(Flow flow, Object body, Map<String, Object> properties) implements Outgoing {
        public Replay {
            properties = Map.copyOf(properties);
        }
    }
}
