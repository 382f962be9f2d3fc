package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.instagram.InstagramContentMapper.MappedMessage;
import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.connector.meta.MessagingEventMessages;
import io.channelhub.connector.meta.SendApiMessage;
import io.channelhub.connector.meta.WebhookFacts;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Party;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.StatusUpdate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Instagram messaging events to canonical events. Each inbound message gets a provider id of its own:
 * Meta's {@code mid} for a message, otherwise one derived from what the event is about, so a redelivery is a
 * repeat while an unsend or a reaction is never taken for a repeat of its message. Events that are no chat
 * (unsend, referrals, handover, standby, kinds Meta adds later) carry {@code metadata.event} and their raw JSON.
 * https://developers.facebook.com/docs/instagram-platform/webhooks/examples
 */
final class InstagramEventMapper {

    private InstagramEventMapper() {
    }

    static InboundEvent message(MessagingEvent event, Instant fallbackTime) {
        JsonNode message = event.event().path("message");
        String mid = event.requireMid("instagram");
        if (message.path("is_deleted").asBoolean(false)) {
            return event.asUnsend(mid, fallbackTime);
        }
        boolean echo = message.path("is_echo").asBoolean(false);
        Optional<String> hubId = echo ? SendApiMessage.ownSendId(message) : Optional.empty();
        if (hubId.isPresent()) {
            // the hub's own send: it only confirms the message went out
            return new StatusUpdate(mid, hubId.get(), DeliveryStatus.SENT, null, event.timestamp(fallbackTime),
                    null);
        }
        MappedMessage mapped = InstagramContentMapper.map(message);
        Map<String, Object> metadata = new LinkedHashMap<>(mapped.metadata());
        WebhookFacts.putObject(metadata, "referral", message.path("referral"));
        JsonNode story = message.path("reply_to").path("story");
        WebhookFacts.putObject(metadata, "replyToStory", story);
        String replyTo = story.isObject() ? WebhookText.of(story, "id")
                : WebhookText.of(message.path("reply_to"), "mid");
        Party contact = new Party(event.contactId(), null);
        Party account = new Party(event.accountId(), null);
        return new InboundMessage(echo ? account : contact, echo ? contact : account, event.contactId(), mid,
                event.timestamp(fallbackTime), mapped.content(), replyTo, mapped.attachments(), null,
                mapped.mediaSources(), metadata, echo);
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
     * {@code messaging_seen}: the person saw the thread up to {@code read.mid}. Instagram has no delivery
     * receipt and the seen event no watermark of its own, so its time is the watermark: every message sent to
     * the person before it is read.
     */
    static StatusUpdate seen(MessagingEvent event, Instant fallbackTime) {
        return StatusUpdate.watermark(event.contactId(), DeliveryStatus.READ, event.timestamp(fallbackTime));
    }

    /** Referrals of an existing thread, handover, and kinds Meta adds later: events, not chat. */
    static InboundMessage otherEvent(MessagingEvent event, Instant fallbackTime) {
        String kind = event.kind();
        Map<String, Object> facts = new LinkedHashMap<>();
        if ("referral".equals(kind)) {
            WebhookFacts.putObject(facts, "referral", event.event().path(kind));
        }
        return event.asEventMessage(event.derivedId(kind), kind, fallbackTime, facts);
    }
}
