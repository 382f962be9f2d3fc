package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.InboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code entry[].messaging[]} (or {@code standby[]}) object of a Messenger or Instagram webhook:
 * {@code sender}, {@code recipient}, {@code timestamp} (unix milliseconds) and one field naming what happened
 * ({@code message}, {@code read}, {@code postback}, …). The object stays a JSON tree: its shape depends on that
 * field and grows over time.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/
 *
 * @param accountId {@code entry[].id}, the Page or Instagram account the event is for
 * @param standby   true for events of a thread another app owns under the handover protocol
 * @param kinds     the fields the channel knows as naming an event, in the order they are looked for
 */
public record MessagingEvent(String accountId, JsonNode event, boolean standby, List<String> kinds) {

    /** Every messaging and standby event of a body for {@code object}; throws when it is no such webhook. */
    public static List<MessagingEvent> all(byte[] body, String object, List<String> kinds) {
        List<MessagingEvent> events = new ArrayList<>();
        for (JsonNode entry : MetaWebhookBatch.entries(body, object)) {
            String accountId = WebhookText.of(entry, "id");
            for (String list : List.of("messaging", "standby")) {
                for (JsonNode event : entry.path(list)) {
                    if (event.isObject()) {
                        events.add(new MessagingEvent(accountId, event, "standby".equals(list), kinds));
                    }
                }
            }
        }
        return events;
    }

    /** What happened: a known field, else the first other object field, else "unknown". */
    public String kind() {
        for (String kind : kinds) {
            if (event.path(kind).isObject()) {
                return kind;
            }
        }
        Iterator<String> names = event.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (event.get(name).isObject() && !"sender".equals(name) && !"recipient".equals(name)) {
                return name;
            }
        }
        return "unknown";
    }

    /**
     * Who acted: a PSID or IGSID, or for a checkbox-plugin opt-in the {@code user_ref} Meta gives before the
     * person has a PSID.
     */
    public String senderId() {
        String id = WebhookText.of(event.path("sender"), "id");
        return id != null ? id : WebhookText.of(event.path("sender"), "user_ref");
    }

    public String recipientId() {
        return WebhookText.of(event.path("recipient"), "id");
    }

    /** The person of the conversation: the sender, or for what the account itself did, the recipient. */
    public String contactId() {
        String sender = senderId();
        if (sender != null && !sender.equals(accountId)) {
            return sender;
        }
        String recipient = recipientId();
        return recipient != null && !recipient.equals(accountId) ? recipient : accountId;
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

    /** The {@code mid} of the event's {@code message}: no message is without one. */
    public String requireMid(String channel) {
        String mid = WebhookText.of(event.path("message"), "mid");
        if (mid == null) {
            throw new MalformedPayloadException(channel + " webhook message without mid");
        }
        return mid;
    }

    /** The person took a message back ({@code message.is_deleted}): an event naming it, with an id of its own. */
    public ContactEvent asUnsend(String mid, Instant fallbackTime) {
        return new ContactEvent(ContactEvent.MESSAGE_DELETED, contactId(), mid + "#deleted", timestamp(fallbackTime),
                mid, null, Map.of());
    }

    /** An id for an event without one: what it is, who, and Meta's timestamp, which a redelivery repeats. */
    public String derivedId(String kind) {
        return kind + ":" + contactId() + ":" + event.path("timestamp").asText("");
    }

    /**
     * The event as an inbound message of the person that is no chat: {@code metadata.event} names it, the
     * content is {@code unsupported} with the raw event, the provider id is the event's own.
     */
    public InboundMessage asEventMessage(String providerId, String name, Instant fallbackTime,
                                         Map<String, Object> facts) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("event", name);
        metadata.putAll(facts);
        return new InboundMessage(new Party(contactId(), null), new Party(accountId, null), contactId(), providerId,
                timestamp(fallbackTime), new UnsupportedContent(name, event), null, List.of(), null, List.of(),
                metadata);
    }

    /**
     * An event of a thread another app owns (the handover protocol): passed on as such, with its raw JSON, never as
     * the person's chat with the hub, which must not answer it.
     */
    public ContactEvent asStandby(Instant fallbackTime) {
        String kind = kind();
        String mid = WebhookText.of(event.path(kind), "mid");
        return new ContactEvent(ContactEvent.STANDBY, contactId(), (mid != null ? mid : derivedId(kind)) + "#standby",
                timestamp(fallbackTime), mid, null, Map.of("standbyEvent", kind, "event", event));
    }

    /** The person gave or withdrew consent ({@code optin}, a blocked thread): an event the consent store takes. */
    public ContactEvent asConsentChange(ContactEvent.ConsentChange change, Instant fallbackTime,
                                        Map<String, Object> details) {
        return new ContactEvent(ContactEvent.CONSENT_CHANGED, contactId(), derivedId(kind()), timestamp(fallbackTime),
                null, change, details);
    }
}
