package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.spi.InboundMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messaging events Messenger and Instagram send alike, as the person's inbound messages: reactions and
 * postbacks. Empty where the event lacks what it needs; the channel then passes it on as an event.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/
 */
public final class MessagingEventMessages {

    private MessagingEventMessages() {
    }

    /**
     * {@code reaction{mid, action, reaction, emoji}}: {@code action: unreact} removes the person's reaction, an
     * empty emoji as on every channel. The id names the action, so an unreact is no repeat of the reaction.
     */
    public static Optional<InboundMessage> reaction(MessagingEvent event, Instant fallbackTime) {
        JsonNode reaction = event.event().path("reaction");
        String mid = WebhookText.of(reaction, "mid");
        if (mid == null) {
            return Optional.empty();
        }
        String action = reaction.path("action").asText("react");
        String emoji = "unreact".equals(action) ? "" : reaction.path("emoji").asText("");
        Map<String, Object> metadata = new LinkedHashMap<>();
        WebhookFacts.putIfPresent(metadata, "reaction", WebhookText.of(reaction, "reaction"));
        return Optional.of(fromThePerson(event, event.derivedId("reaction") + ":" + action + ":" + mid, fallbackTime,
                new ReactionContent(emoji, mid), metadata));
    }

    /**
     * {@code postback{mid, title, payload, referral}}: a tap on a button the account sent (or Get Started, an
     * icebreaker); its payload is the choice, a new thread's ad referral goes into metadata.
     */
    public static Optional<InboundMessage> postback(MessagingEvent event, Instant fallbackTime) {
        JsonNode postback = event.event().path("postback");
        String title = WebhookText.of(postback, "title");
        String payload = WebhookText.of(postback, "payload");
        if (payload == null && title == null) {
            return Optional.empty();
        }
        String mid = WebhookText.of(postback, "mid");
        Map<String, Object> metadata = new LinkedHashMap<>();
        WebhookFacts.putObject(metadata, "referral", postback.path("referral"));
        return Optional.of(fromThePerson(event, mid != null ? mid : event.derivedId("postback"), fallbackTime,
                new ChoiceResponseContent(payload != null ? payload : title, title), metadata));
    }

    private static InboundMessage fromThePerson(MessagingEvent event, String providerId, Instant fallbackTime,
                                                Content content, Map<String, Object> metadata) {
        return new InboundMessage(new Party(event.contactId(), null), new Party(event.accountId(), null),
                event.contactId(), providerId, event.timestamp(fallbackTime), content, null, List.of(), null,
                List.of(), metadata);
    }
}
