package io.channelhub.connector.instagram.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.MetaWebhookBatch;
import io.channelhub.connector.meta.WebhookText;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Instagram webhook body: {@code {"object":"instagram","entry":[{"id":<ig-id>,"time",
 * "messaging":[…],"standby":[…]}]}}; {@code entry[].id} is the Instagram professional account in all three
 * setups. https://developers.facebook.com/docs/instagram-platform/webhooks/
 */
public final class InstagramWebhookPayload {
    static final String OBJECT = "instagram";

    private InstagramWebhookPayload() {
    }

    /** Every messaging and standby event of the body; throws when the body is not an Instagram webhook. */
    public static List<InstagramEvent> events(byte[] body) {
        List<InstagramEvent> events = new ArrayList<>();
        for (JsonNode entry : MetaWebhookBatch.entries(body, OBJECT)) {
            String accountId = WebhookText.of(entry, "id");
            for (String list : List.of("messaging", "standby")) {
                for (JsonNode event : entry.path(list)) {
                    if (event.isObject()) {
                        events.add(new InstagramEvent(accountId, event, "standby".equals(list)));
                    }
                }
            }
        }
        return events;
    }

    /** Every {@code entry[].id} of the body, in order; empty for anything unreadable. */
    public static List<String> accountIds(byte[] body) {
        return MetaWebhookBatch.accountIds(body, OBJECT,
                entry -> WebhookText.of(entry, "id") == null ? List.of() : List.of(WebhookText.of(entry, "id")));
    }
}
