package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.ConversationSignals;
import io.channelhub.core.spi.TenantConnector;
import java.util.EnumSet;
import java.util.Set;

/**
 * Messenger's and Instagram's sender actions: {@code {"recipient":{"id"},"sender_action":"typing_on"}} posted on
 * its own to the channel's send endpoint; {@code typing_on} shows for 20 s or until the next message.
 * https://developers.facebook.com/docs/messenger-platform/send-messages/sender-actions
 */
public final class MetaSenderActions implements ConversationSignals {
    private final SendEndpoint endpoint;

    /** The channel's own send call (Page or Instagram account, the tenant's token). */
    @FunctionalInterface
    public interface SendEndpoint {
        void post(TenantConnector connector, ObjectNode body);
    }

    public MetaSenderActions(SendEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Set<Signal> supported() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public void send(Signal signal, String to, TenantConnector connector) {
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.putObject("recipient").put("id", to);
        body.put("sender_action", signal.wireName());
        endpoint.post(connector, body);
    }
}
