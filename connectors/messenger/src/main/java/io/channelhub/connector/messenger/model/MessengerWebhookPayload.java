package io.channelhub.connector.messenger.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.MetaWebhookBatch;
import io.channelhub.connector.meta.WebhookText;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Page webhook body: {@code {"object":"page","entry":[{"id":<page>,"time",
 * "messaging":[…],"standby":[…]}]}}. Every entry is read (Meta batches them, and several Pages of one app).
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/
 */
public final class MessengerWebhookPayload {
    static final String OBJECT = "page";

    private MessengerWebhookPayload() {
    }

    /** Every messaging and standby event of the body; throws when the body is not a Page webhook at all. */
    public static List<MessagingEvent> events(byte[] body) {
        List<MessagingEvent> events = new ArrayList<>();
        for (JsonNode entry : MetaWebhookBatch.entries(body, OBJECT)) {
            String pageId = WebhookText.of(entry, "id");
            addEvents(events, pageId, entry.path("messaging"), false);
            addEvents(events, pageId, entry.path("standby"), true);
        }
        return events;
    }

    /** Every {@code entry[].id} of the body, in order; empty for anything unreadable. */
    public static List<String> pageIds(byte[] body) {
        return MetaWebhookBatch.accountIds(body, OBJECT, entry -> {
            String id = WebhookText.of(entry, "id");
            return id == null ? List.of() : List.of(id);
        });
    }

    private static void addEvents(List<MessagingEvent> events, String pageId, JsonNode array, boolean standby) {
        if (array.isArray()) {
            for (JsonNode event : array) {
                if (event.isObject()) {
                    events.add(new MessagingEvent(pageId, event, standby));
                }
            }
        }
    }
}
