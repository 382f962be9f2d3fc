package io.channelhub.core.spi;

import java.time.Instant;
import java.util.Map;

/**
 * Something a contact did that is neither a chat message nor a report on a sent message: took a message back,
 * opted in or out (a notification opt-in, a blocked bot, an RBM {@code UNSUBSCRIBE}), or wrote in a thread
 * another app owns. The hub publishes it on {@code hub.events} with its {@code type}, once per
 * {@code providerEventId}, and records a consent change in the consent store.
 *
 * @param type              the event's {@code type} on hub.events, one of the constants below
 * @param contactAddress    the contact's address on the channel
 * @param providerEventId   an id the provider repeats when it delivers the event again: the duplicate key
 * @param providerMessageId the provider id of the message the event is about (the one unsent), or null
 * @param consent           the consent the event gives or withdraws, or null when it changes none
 * @param details           what else the provider said, for the platform (no secrets); never null
 */
public record ContactEvent(String type, String contactAddress, String providerEventId, Instant timestamp,
                           String providerMessageId, ConsentChange consent, Map<String, Object> details)
        implements InboundEvent {

    /** The contact unsent one of their messages; {@code providerMessageId} names it. */
    public static final String MESSAGE_DELETED = "message_deleted";
    /** The contact gave or withdrew consent; {@code consent} says which. */
    public static final String CONSENT_CHANGED = "consent_changed";
    /** The contact wrote in a thread another app owns (Meta's handover protocol): not a chat with the hub. */
    public static final String STANDBY = "standby";

    public ContactEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /**
     * A consent the contact gave or withdrew on the channel.
     *
     * @param optedIn  true for an opt-in, false for an opt-out
     * @param scope    what the consent is to: any message (a blocked bot) or marketing messages only (Messenger's
     *                 notification messages)
     * @param evidence what shows it (the provider's event and its id), without personal data beyond the address
     */
    public record ConsentChange(boolean optedIn, Scope scope, String evidence) {

        /** A consent to any message on the channel. */
        public ConsentChange(boolean optedIn, String evidence) {
            this(optedIn, Scope.ALL, evidence);
        }
    }

    /** What a consent is to. */
    public enum Scope {
        ALL, MARKETING
    }
}
