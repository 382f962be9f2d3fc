package io.channelhub.connector.messenger.model;

import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.connector.meta.MetaWebhookBatch;
import java.util.List;

/**
 * Reads a Page webhook body: {@code {"object":"page","entry":[{"id":<page>,"time",
 * "messaging":[…],"standby":[…]}]}}. Every entry is read (Meta batches them, and several Pages of one app).
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/
 */
public final class MessengerWebhookPayload {
    static final String OBJECT = "page";

    /** The fields naming an event, in the order they are looked for (an echo is a {@code message}). */
    private static final List<String> KINDS = List.of("message", "message_edit", "delivery", "read", "reaction",
            "postback", "referral", "optin", "pass_thread_control", "take_thread_control", "request_thread_control",
            "app_roles", "policy_enforcement", "account_linking");

    private MessengerWebhookPayload() {
    }

    /** Every messaging and standby event of the body; throws when the body is not a Page webhook at all. */
    public static List<MessagingEvent> events(byte[] body) {
        return MessagingEvent.all(body, OBJECT, KINDS);
    }

    /** Every {@code entry[].id} of the body, in order; empty for anything unreadable. */
    public static List<String> pageIds(byte[] body) {
        return MetaWebhookBatch.entryIds(body, OBJECT);
    }
}
