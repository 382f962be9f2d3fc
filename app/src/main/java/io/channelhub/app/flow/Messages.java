package io.channelhub.app.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.StatusEvent;
import io.channelhub.routes.port.Outgoing;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the JMS messages of the contract: JSON bodies, and the {@code tenantId}, {@code channel},
 * {@code conversationId} and {@code JMSXGroupID} properties consumers filter and order by.
 */
public final class Messages {
    public static final String HUB_MESSAGE_ID = "hubMessageId";
    public static final String HUB_ATTEMPTS = "hubAttempts";
    /** On a fallback check: the time it was scheduled for, in epoch millis (the broker's clock decides it is due). */
    public static final String HUB_CHECK_AT = "hubCheckAt";

    private Messages() {
    }

    public static String json(Object value) {
        try {
            return HubJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** A stored message's body read back; it was written by {@link #json}, so failing to read it is a bug. */
    public static CanonicalMessage canonical(String json) {
        try {
            return HubJson.mapper().readValue(json, CanonicalMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message is not canonical JSON", e);
        }
    }

    public static Map<String, Object> routing(String tenantId, String channel, String conversationId) {
        Map<String, Object> p = new HashMap<>();
        p.put("tenantId", tenantId);
        p.put("channel", channel);
        if (conversationId != null) {
            p.put("conversationId", conversationId);
            p.put("JMSXGroupID", conversationId);
        }
        return p;
    }

    public static Outgoing inbound(CanonicalMessage m) {
        return inbound(m, json(m));
    }

    /** With the JSON of {@code m} in hand already (as recorded): serializing it again was 5 % of normalizing. */
    public static Outgoing inbound(CanonicalMessage m, String json) {
        return new Outgoing.Inbound(json, routing(m.tenantId(), m.channel(), m.conversationId()));
    }

    public static Outgoing event(StatusEvent e, String conversationId) {
        Map<String, Object> p = routing(e.tenantId(), e.channel(), conversationId);
        p.put("status", e.status().wireName());
        p.put("messageId", e.messageId());
        return new Outgoing.Event(json(e), p);
    }
}
