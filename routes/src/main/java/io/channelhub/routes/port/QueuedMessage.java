package io.channelhub.routes.port;

import java.util.Map;

/**
 * A message as a consumer route received it.
 *
 * @param body          text or bytes
 * @param properties    its JMS properties (application ones only)
 * @param messageId     the broker's id, stable across redeliveries of this message
 * @param deliveryCount 1 on first delivery, more after rollbacks
 * @param origin        the flow it is in; for a message the broker dead-lettered, the flow it failed in
 */
public record QueuedMessage(Object body, Map<String, Object> properties, String messageId, int deliveryCount,
                            Origin origin) {
    public QueuedMessage {
        properties = Map.copyOf(properties);
    }

    /** A flow, and the name of the queue that carried the message in it (kept with a dead letter as data). */
    public record Origin(Flow flow, String queue) {
    }

    public String text() {
        return body instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(body);
    }

    public byte[] bytes() {
        return body instanceof byte[] b ? b : String.valueOf(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public String property(String name) {
        Object v = properties.get(name);
        return v == null ? null : v.toString();
    }
}
