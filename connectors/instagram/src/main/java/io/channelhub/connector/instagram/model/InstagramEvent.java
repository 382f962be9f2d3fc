package io.channelhub.connector.instagram.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One {@code entry[].messaging[]} (or {@code standby[]}) object of an Instagram webhook: {@code sender},
 * {@code recipient}, {@code timestamp} (unix ms) and one field naming what happened. Instagram's subscription
 * fields {@code messages}, {@code message_reactions}, {@code messaging_postbacks}, {@code messaging_seen} and
 * {@code messaging_referral} arrive as {@code message}, {@code reaction}, {@code postback}, {@code read} and
 * {@code referral}.
 *
 * @param accountId {@code entry[].id}, the Instagram account the event is for
 * @param standby   true for events of a thread another app owns under the handover protocol
 */
public record InstagramEvent(String accountId, JsonNode event, boolean standby) {

    private static final List<String> KINDS = List.of("message", "reaction", "postback", "read", "referral",
            "pass_thread_control", "take_thread_control", "request_thread_control");

    /** What happened: a known field, else the first other object field, else "unknown". */
    public String kind() {
        return KINDS.stream().filter(kind -> event.path(kind).isObject()).findFirst()
                .or(() -> iterable(event.fieldNames()).stream()
                        .filter(name -> event.get(name).isObject() && !List.of("sender", "recipient").contains(name))
                        .findFirst())
                .orElse("unknown");
    }

    /** The person of the conversation: the sender, or for what the account itself sent, the recipient. */
    public String contactId() {
        String sender = WebhookText.of(event.path("sender"), "id");
        if (sender != null && !sender.equals(accountId)) {
            return sender;
        }
        String recipient = WebhookText.of(event.path("recipient"), "id");
        return recipient != null && !recipient.equals(accountId) ? recipient : accountId;
    }

    /** When it happened; {@code fallback} when the event has no usable timestamp. */
    public Instant timestamp(Instant fallback) {
        JsonNode node = event.path("timestamp");
        if (node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        String text = node.asText("").trim();
        return text.matches("\\d{1,15}") ? Instant.ofEpochMilli(Long.parseLong(text)) : fallback;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
