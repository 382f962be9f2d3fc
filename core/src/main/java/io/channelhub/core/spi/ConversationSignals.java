package io.channelhub.core.spi;

import java.util.Locale;
import java.util.Set;

/**
 * For channels where the business can show a contact that it is typing or has seen their messages (Meta's
 * sender actions). Signals are ephemeral: the hub sends them at once when the platform asks, and never queues or
 * retries them; one that fails is simply not shown.
 */
public interface ConversationSignals {

    /** The signals the channel carries. */
    Set<Signal> supported();

    /**
     * Sends the signal to the contact. Provider failures are thrown as
     * {@link io.channelhub.core.error.ChannelException}s, as by senders.
     */
    void send(Signal signal, String to, TenantConnector connector);

    enum Signal {
        TYPING_ON, TYPING_OFF, MARK_SEEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
