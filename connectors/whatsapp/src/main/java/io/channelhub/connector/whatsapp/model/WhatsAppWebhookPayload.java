package io.channelhub.connector.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.connector.meta.MetaWebhookBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a WhatsApp Business Account webhook body:
 * {@code {"object":"whatsapp_business_account","entry":[{"id","changes":[{"field","value":{…}}]}]}}.
 * Every entry and change is read (Meta batches them); changes of other fields (template status, account
 * updates, …) are skipped. See
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview
 */
public final class WhatsAppWebhookPayload {
    static final String OBJECT = "whatsapp_business_account";

    private WhatsAppWebhookPayload() {
    }

    /** The {@code messages} changes of the body; throws when the body is not a WhatsApp webhook at all. */
    public static List<MessagesChange> messagesChanges(byte[] body) {
        List<MessagesChange> changes = new ArrayList<>();
        for (JsonNode entry : MetaWebhookBatch.entries(body, OBJECT)) {
            for (JsonNode change : entry.path("changes")) {
                if ("messages".equals(change.path("field").asText()) && change.path("value").isObject()) {
                    changes.add(toChange(WebhookText.of(entry, "id"), change.get("value")));
                }
            }
        }
        return changes;
    }

    /** Every {@code metadata.phone_number_id} of the body, in order; empty for anything unreadable. */
    public static List<String> phoneNumberIds(byte[] body) {
        return MetaWebhookBatch.accountIds(body, OBJECT,
                entry -> idsOfChanges(entry, (e, change) -> phoneNumberId(change)));
    }

    /**
     * The WhatsApp Business Account id ({@code entry[].id}) of every entry with a change that names no phone
     * number (account, template, phone-number quality and capability updates), in order; empty for anything
     * unreadable.
     */
    public static List<String> businessAccountIdsOfAccountEvents(byte[] body) {
        return MetaWebhookBatch.accountIds(body, OBJECT, entry -> idsOfChanges(entry,
                (e, change) -> phoneNumberId(change) == null ? WebhookText.of(e, "id") : null));
    }

    private static List<String> idsOfChanges(JsonNode entry, BiFunction<JsonNode, JsonNode, String> idOfChange) {
        List<String> ids = new ArrayList<>();
        for (JsonNode change : entry.path("changes")) {
            ids.add(idOfChange.apply(entry, change));
        }
        return ids;
    }

    private static String phoneNumberId(JsonNode change) {
        return WebhookText.of(change.path("value").path("metadata"), "phone_number_id");
    }

    private static MessagesChange toChange(String wabaId, JsonNode value) {
        JsonNode metadata = value.path("metadata");
        return new MessagesChange(wabaId,
                WebhookText.of(metadata, "display_phone_number"),
                WebhookText.of(metadata, "phone_number_id"),
                objects(value.path("contacts"), WebhookContact::fromNode),
                objects(value.path("messages"), Function.identity()),
                objects(value.path("statuses"), Function.identity()));
    }

    private static <T> List<T> objects(JsonNode array, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (item.isObject()) {
                    items.add(mapper.apply(item));
                }
            }
        }
        return items;
    }
}
