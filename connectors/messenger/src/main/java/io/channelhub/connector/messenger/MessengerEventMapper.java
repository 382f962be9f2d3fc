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
import io.channelhub.core.spi.ContactEvent;
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
 * taken for a repeat of the message it concerns. Unsends and opt-ins are contact events; other events that are
 * no chat (referrals, handover) carry {@code metadata.event} naming them and keep their raw JSON.
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
            return event.asUnsend(mid, fallbackTime);
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
     * Events that are no chat message: referrals of an existing thread, handover, app roles, policy
     * enforcement, account linking, and kinds Meta adds later.
     */
    static InboundMessage otherEvent(MessagingEvent event, Instant fallbackTime) {
        String kind = event.kind();
        Map<String, Object> facts = new LinkedHashMap<>();
        JsonNode body = event.event().path(kind);
        if ("referral".equals(kind)) {
            WebhookFacts.putObject(facts, "referral", body);
        }
        return event.asEventMessage(event.derivedId(kind), kind, fallbackTime, facts);
    }

    /**
     * {@code messaging_optins}: the person asked for notification messages (marketing messages outside the
     * window), stopped or resumed them, or ticked a checkbox plugin. A notification opt-in is consent to marketing
     * only, so {@code STOP_NOTIFICATIONS} never stops the replies the person asks for; a plugin opt-in is consent
     * to be messaged at all. The notification token goes to the platform in the details, never into the
     * evidence, which is logged.
     * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_optins
     */
    static ContactEvent optin(MessagingEvent event, Instant fallbackTime) {
        JsonNode body = event.event().path("optin");
        String type = WebhookText.of(body, "type");
        String status = WebhookText.of(body, "notification_messages_status");
        Map<String, Object> details = new LinkedHashMap<>();
        WebhookFacts.putIfPresent(details, "optinType", type);
        WebhookFacts.putIfPresent(details, "optinStatus", status);
        WebhookFacts.putIfPresent(details, "optinPayload", WebhookText.of(body, "payload"));
        WebhookFacts.putIfPresent(details, "title", WebhookText.of(body, "title"));
        WebhookFacts.putIfPresent(details, "notificationMessagesToken",
                WebhookText.of(body, "notification_messages_token"));
        WebhookFacts.putIfPresent(details, "tokenExpiresAt", WebhookText.of(body, "token_expiry_timestamp"));
        WebhookFacts.putIfPresent(details, "ref", WebhookText.of(body, "ref"));
        boolean optedIn = !"STOP_NOTIFICATIONS".equals(status);
        String evidence = "messaging_optins " + (type != null ? type : "plugin")
                + (status != null ? " " + status : "");
        ContactEvent.Scope scope = "notification_messages".equals(type) ? ContactEvent.Scope.MARKETING
                : ContactEvent.Scope.ALL;
        return event.asConsentChange(new ContactEvent.ConsentChange(optedIn, scope, evidence), fallbackTime, details);
    }

    private static Party person(MessagingEvent event) {
        return new Party(event.contactId(), null);
    }

    private static Party page(MessagingEvent event) {
        return new Party(event.accountId(), null);
    }
}
