package io.channelhub.connector.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
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
        JsonNode root = readRoot(body);
        List<MessagesChange> changes = new ArrayList<>();
        for (JsonNode entry : root.get("entry")) {
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
        return accountIds(body, (entry, change) -> phoneNumberId(change));
    }

    /**
     * The WhatsApp Business Account id ({@code entry[].id}) of every entry with a change that names no phone
     * number (account, template, phone-number quality and capability updates), in order; empty for anything
     * unreadable.
     */
    public static List<String> businessAccountIdsOfAccountEvents(byte[] body) {
        return accountIds(body, (entry, change) -> phoneNumberId(change) == null ? WebhookText.of(entry, "id") : null);
    }

    private static List<String> accountIds(byte[] body, BiFunction<JsonNode, JsonNode, String> idOfChange) {
        try {
            List<String> ids = new ArrayList<>();
            for (JsonNode entry : readRoot(body).get("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    String id = idOfChange.apply(entry, change);
                    if (id != null && !ids.contains(id)) {
                        ids.add(id);
                    }
                }
            }
            return ids;
        } catch (MalformedPayloadException e) {
            return List.of();
        }
    }

    private static String phoneNumberId(JsonNode change) {
        return WebhookText.of(change.path("value").path("metadata"), "phone_number_id");
    }

    private static JsonNode readRoot(byte[] body) {
        JsonNode root;
        try {
            root = HubJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new MalformedPayloadException("whatsapp webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("whatsapp webhook body is not a JSON object");
        }
        if (!OBJECT.equals(root.path("object").asText()) || !root.path("entry").isArray()) {
            throw new MalformedPayloadException(
                    "not a whatsapp webhook: expected object=" + OBJECT + " and an entry array");
        }
        return root;
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
