package io.channelhub.connector.instagram.model;

import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.connector.meta.MetaWebhookBatch;
import java.util.List;

/**
 * Reads an Instagram webhook body: {@code {"object":"instagram","entry":[{"id":<ig-id>,"time",
 * "messaging":[…],"standby":[…]}]}}; {@code entry[].id} is the Instagram professional account in all three
 * setups. https://developers.facebook.com/docs/instagram-platform/webhooks/
 */
public final class InstagramWebhookPayload {
    static final String OBJECT = "instagram";

    /**
     * The fields naming an event: the subscription fields {@code messages}, {@code message_reactions},
     * {@code messaging_postbacks}, {@code messaging_seen}, {@code messaging_referral} and
     * {@code messaging_handover} arrive as these.
     */
    private static final List<String> KINDS = List.of("message", "reaction", "postback", "read", "referral",
            "pass_thread_control", "take_thread_control", "request_thread_control");

    private InstagramWebhookPayload() {
    }

    /** Every messaging and standby event of the body; throws when the body is not an Instagram webhook. */
    public static List<MessagingEvent> events(byte[] body) {
        return MessagingEvent.all(body, OBJECT, KINDS);
    }

    /** Every {@code entry[].id} of the body, in order; empty for anything unreadable. */
    public static List<String> accountIds(byte[] body) {
        return MetaWebhookBatch.entryIds(body, OBJECT);
    }
}
