package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.google.GoogleContentMapper.MappedContent;
import io.channelhub.connector.google.model.RbmFields;
import io.channelhub.connector.google.model.RbmPush;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.time.Instant;
import java.util.List;

/**
 * Turns one RBM push into canonical events. The decoded {@code message.data} is a {@code UserMessage}
 * (a consumer's text, file, location or tapped suggestion), a {@code UserEvent} (DELIVERED, READ,
 * IS_TYPING, …) or a {@code ServerEvent} (TTL expiry). A consumer message's provider id is its RBM
 * messageId, so a redelivered push gives no second canonical message. Typing indicators and agent launch
 * notifications yield nothing; SUBSCRIBE / UNSUBSCRIBE are consent changes; other user events reach the platform
 * as {@code unsupported}.
 */
public final class GoogleInboundNormalizer implements InboundNormalizer {

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) throws MalformedPayloadException {
        RbmPush push = RbmPush.parse(payload.body())
                .orElseThrow(() -> new MalformedPayloadException("not an RBM push: no base64 message.data"));
        if (push.isAgentLaunchEvent()) {
            return List.of();
        }
        JsonNode data = push.json()
                .orElseThrow(() -> new MalformedPayloadException("RBM message.data is not a JSON object"));
        String eventType = RbmFields.text(data, "eventType");
        if (eventType == null) {
            return List.of(userMessage(data, GoogleContentMapper.map(data), payload.receivedAt()));
        }
        if (GoogleEventMapper.isServerEvent(eventType)) {
            return GoogleEventMapper.serverEvent(eventType, data, payload.receivedAt()).<List<InboundEvent>>map(List::of)
                    .orElse(List.of());
        }
        if ("IS_TYPING".equals(eventType)) {
            return List.of();
        }
        var consent = GoogleEventMapper.consentEvent(eventType, data, payload.receivedAt());
        if (consent.isPresent()) {
            return List.of(consent.get());
        }
        return GoogleEventMapper.userEvent(eventType, data, payload.receivedAt()).<List<InboundEvent>>map(List::of)
                .orElseGet(() -> List.of(userMessage(data,
                        MappedContent.of(new UnsupportedContent("event:" + eventType, data)), payload.receivedAt())));
    }

    private static InboundMessage userMessage(JsonNode data, MappedContent mapped, Instant receivedAt) {
        String sender = RbmFields.text(data, "senderPhoneNumber");
        if (sender == null) {
            throw new MalformedPayloadException("RBM user message without senderPhoneNumber");
        }
        String id = RbmFields.text(data, "messageId");
        if (id == null) {
            id = RbmFields.text(data, "eventId");
        }
        if (id == null) {
            throw new MalformedPayloadException("RBM user message without messageId or eventId");
        }
        return new InboundMessage(new Party(sender, null), null, null, id, RbmFields.sendTime(data, receivedAt),
                mapped.content(), null, null, null, mapped.mediaSources(), mapped.metadata());
    }
}
