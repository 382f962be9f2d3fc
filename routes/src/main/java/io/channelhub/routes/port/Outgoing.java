package io.channelhub.routes.port;

import java.util.Map;

/**
 * A JMS message a step wants published: the queue, the body (a JSON string becomes a TextMessage,
 * bytes a BytesMessage) and its JMS properties ({@code tenantId}, {@code channel},
 * {@code conversationId}, {@code JMSXGroupID}, and broker properties such as {@code _AMQ_DUPL_ID} or
 * {@code _AMQ_SCHED_DELIVERY}). Steps return these; the routes send them inside the consumer's
 * transaction.
 */
public record Outgoing(String queue, Object body, Map<String, Object> properties) {
    public Outgoing {
        properties = Map.copyOf(properties);
    }
}
