package io.channelhub.app.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.HubJson;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an outbound reply refers to. The core platform may name the answered message by hub id or by
 * provider id; providers want their own id (WhatsApp's context, email's In-Reply-To), and email also the
 * answered message's threading headers so mail clients keep the thread.
 */
@Component
class ReplyReferences {
    private final MessageRepository messages;

    ReplyReferences(MessageRepository messages) {
        this.messages = messages;
    }

    /** The provider id to reply to (the given id when the hub does not know it) and its email headers. */
    record Reply(String providerMessageId, EmailHeaders headers) {
    }

    Optional<Reply> resolve(String tenantId, String channel, String replyTo) {
        if (replyTo == null || replyTo.isBlank()) {
            return Optional.empty();
        }
        Optional<MessageRecord> answered = messages.find(tenantId, replyTo)
                .or(() -> messages.findByProviderId(tenantId, channel, Direction.INBOUND, replyTo))
                .or(() -> messages.findByProviderId(tenantId, channel, Direction.OUTBOUND, replyTo));
        if (answered.isEmpty()) {
            return Optional.of(new Reply(replyTo, null));
        }
        MessageRecord r = answered.get();
        String providerId = r.providerMessageId() != null ? r.providerMessageId() : replyTo;
        return Optional.of(new Reply(providerId, headersOf(r)));
    }

    private static EmailHeaders headersOf(MessageRecord r) {
        if (r.body() == null) {
            return null;
        }
        try {
            return HubJson.mapper().readValue(r.body(), CanonicalMessage.class).headers();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
