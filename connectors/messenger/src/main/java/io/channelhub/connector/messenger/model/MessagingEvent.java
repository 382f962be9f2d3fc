package io.channelhub.connector.messenger.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;
import java.time.Instant;
import java.util.List;

/**
 * One {@code entry[].messaging[]} (or {@code standby[]}) object: {@code sender}, {@code recipient},
 * {@code timestamp} (unix milliseconds) and one field naming what happened ({@code message}, {@code delivery},
 * {@code postback}, …). The object stays a JSON tree: its shape depends on that field and grows over time.
 *
 * @param pageId  {@code entry[].id}, the Page the event is for
 * @param standby true for events of a thread another app owns under the handover protocol
 */
public record MessagingEvent(String pageId, JsonNode event, boolean standby) {

    /** The fields naming an event, in the order they are looked for (an echo is a {@code message}). */
    private static final List<String> KINDS = List.of("message", "message_edit", "delivery", "read", "reaction",
            "postback", "referral", "optin", "pass_thread_control", "take_thread_control", "request_thread_control",
            "app_roles", "policy_enforcement", "account_linking");

    /** What happened, or the first object field that is none of the known ones. */
    public String kind() {
        for (String kind : KINDS) {
            if (event.path(kind).isObject()) {
                return kind;
            }
        }
        var names = event.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (event.get(name).isObject() && !"sender".equals(name) && !"recipient".equals(name)) {
                return name;
            }
        }
        return "unknown";
    }

    /**
     * Who acted: a PSID, or for a checkbox-plugin opt-in the {@code user_ref} Meta gives before the person has a
     * PSID.
     */
    public String senderId() {
        String id = WebhookText.of(event.path("sender"), "id");
        return id != null ? id : WebhookText.of(event.path("sender"), "user_ref");
    }

    public String recipientId() {
        return WebhookText.of(event.path("recipient"), "id");
    }

    /** When it happened; {@code fallback} when the event has no usable timestamp. */
    public Instant timestamp(Instant fallback) {
        return millis(event.get("timestamp"), fallback);
    }

    /** Unix milliseconds as Meta writes them (a number, sometimes a string), or {@code fallback}. */
    public static Instant millis(JsonNode node, Instant fallback) {
        if (node != null && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node != null && node.isTextual() && node.asText().trim().matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(node.asText().trim()));
        }
        return fallback;
    }
}
