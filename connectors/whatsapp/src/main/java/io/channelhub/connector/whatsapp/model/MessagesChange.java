package io.channelhub.connector.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One {@code entry[].changes[]} with {@code field = "messages"}: the business number it concerns, the
 * contacts Meta resolved, the consumer messages and the status updates of sent messages. The message and
 * status objects stay JSON trees: their shape depends on {@code type} and grows over time.
 *
 * @param wabaId             {@code entry[].id}
 * @param displayPhoneNumber {@code metadata.display_phone_number}
 * @param phoneNumberId      {@code metadata.phone_number_id}
 */
public record MessagesChange(
        String wabaId,
        String displayPhoneNumber,
        String phoneNumberId,
        List<WebhookContact> contacts,
        List<JsonNode> messages,
        List<JsonNode> statuses) {

    public MessagesChange {
        contacts = List.copyOf(contacts);
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }
}
