package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.messenger.MessengerContentMapper.MappedMessage;
import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.connector.meta.MessagingEventMessages;
import io.channelhub.connector.meta.SendApiMessage;
import io.channelhub.connector.meta.WebhookFacts;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.StatusUpdate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the Page's messaging events other than statuses. Each becomes one inbound message with a provider id
 * of its own: Meta's {@code mid} where the event is a message, otherwise one derived from what the event is
 * about, so a redelivered event is recognised as a repeat while an unsend, an edit or a reaction is never
 * taken for a repeat of the message it concerns. Events that are no chat (unsend, opt-ins, referrals,
 * handover, standby) carry {@code metadata.event} naming them and keep their raw JSON.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/
 */
final class MessengerEventMapper {

    private MessengerEventMapper() {
    }

    static InboundEvent message(MessagingEvent event, Instant fallbackTime) {
        JsonNode message = event.event().path("message");
        String mid = event.requireMid("messenger");
        if (message.path("is_echo").asBoolean(false)) {
            return echo(event, message, mid, fallbackTime);
        }
        if (message.path("is_deleted").asBoolean(false)) {
            return event.asUnsendMessage(mid, fallbackTime);
        }
        MappedMessage mapped = MessengerContentMapper.map(message);
        Map<String, Object> metadata = new LinkedHashMap<>(mapped.metadata());
        WebhookFacts.putObject(metadata, "referral", message.path("referral"));
        return new InboundMessage(person(event), page(event), event.contactId(), mid, event.timestamp(fallbackTime),
                mapped.content(), WebhookText.of(message.path("reply_to"), "mid"), mapped.attachments(), null,
                mapped.mediaSources(), metadata);
    }

    /**
     * A message the Page sent. The hub's own sends come back naming the hub id (see {@link SendApiMessage#ownSendId}) and
     * only confirm it was sent; anything else was written elsewhere (Meta Business Suite, another app) and is
     * an echo the hub records as an outbound message of the conversation.
     */
    private static InboundEvent echo(MessagingEvent event, JsonNode message, String mid, Instant fallbackTime) {
        Optional<String> hubId = SendApiMessage.ownSendId(message);
        if (hubId.isPresent()) {
            return new StatusUpdate(mid, hubId.get(), DeliveryStatus.SENT, null,
                    event.timestamp(fallbackTime), null);
        }
        MappedMessage mapped = MessengerContentMapper.map(message);
        Map<String, Object> metadata = new LinkedHashMap<>(mapped.metadata());
        WebhookFacts.putIfPresent(metadata, "appId", WebhookText.of(message, "app_id"));
        return new InboundMessage(page(event), new Party(event.contactId(), null), event.contactId(), mid,
                event.timestamp(fallbackTime), mapped.content(), WebhookText.of(message.path("reply_to"), "mid"),
                mapped.attachments(), null, mapped.mediaSources(), metadata, true);
    }

    /** The person changed the text of a message; it keeps its mid, so the edit gets an id per edit. */
    static InboundMessage edit(MessagingEvent event, Instant fallbackTime) {
        JsonNode edit = event.event().path("message_edit");
        String mid = WebhookText.of(edit, "mid");
        String text = WebhookText.of(edit, "text");
        if (mid == null || text == null) {
            return otherEvent(event, fallbackTime);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("event", "message_edit");
        metadata.put("editedMessageId", mid);
        metadata.put("numEdit", edit.path("num_edit").asInt(0));
        return new InboundMessage(person(event), page(event), event.contactId(),
                mid + "#edit-" + edit.path("num_edit").asText("0"), event.timestamp(fallbackTime),
                TextContent.of(text), mid, List.of(), null, List.of(), metadata);
    }

    /** A reaction of the person (see {@link MessagingEventMessages#reaction}), else an event. */
    static InboundMessage reaction(MessagingEvent event, Instant fallbackTime) {
        return MessagingEventMessages.reaction(event, fallbackTime).orElseGet(() -> otherEvent(event, fallbackTime));
    }

    /** A tap on a button (see {@link MessagingEventMessages#postback}), else an event. */
    static InboundMessage postback(MessagingEvent event, Instant fallbackTime) {
        return MessagingEventMessages.postback(event, fallbackTime).orElseGet(() -> otherEvent(event, fallbackTime));
    }

    /**
     * Events that are no chat message: referrals of an existing thread, opt-ins to notification messages,
     * handover, app roles, policy enforcement, account linking, and kinds Meta adds later.
     */
    static InboundMessage otherEvent(MessagingEvent event, Instant fallbackTime) {
        String kind = event.kind();
        Map<String, Object> facts = new LinkedHashMap<>();
        JsonNode body = event.event().path(kind);
        if ("referral".equals(kind)) {
            WebhookFacts.putObject(facts, "referral", body);
        } else if ("optin".equals(kind)) {
            WebhookFacts.putIfPresent(facts, "optinType", WebhookText.of(body, "type"));
            WebhookFacts.putIfPresent(facts, "optinStatus", WebhookText.of(body, "notification_messages_status"));
            WebhookFacts.putIfPresent(facts, "optinPayload", WebhookText.of(body, "payload"));
        }
        return event.asEventMessage(event.derivedId(kind), kind, fallbackTime, facts);
    }

    /** An event of a thread another app owns: passed on as such, never as the person's chat with the hub. */
    static InboundMessage standby(MessagingEvent event, Instant fallbackTime) {
        return event.asStandbyMessage(fallbackTime);
    }

    private static Party person(MessagingEvent event) {
        return new Party(event.contactId(), null);
    }

    private static Party page(MessagingEvent event) {
        return new Party(event.accountId(), null);
    }
}
