package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.telegram.model.TelegramUpdate;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one webhook delivery, one Bot API {@code Update}, into at most one canonical event: a message, an
 * edit, a button answer, or a consent change when the person blocks or unblocks the bot. Updates of groups
 * and channels are not the hub's (see {@link TelegramChats}) and yield nothing; kinds the hub cannot map yet
 * become {@code unsupported} messages of the person they name, raw JSON kept.
 */
public final class TelegramInboundNormalizer implements InboundNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramInboundNormalizer.class);
    /** Posts of channels the bot administers: never a contact's message. */
    private static final Set<String> CHANNEL_KINDS = Set.of("channel_post", "edited_channel_post");

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) throws MalformedPayloadException {
        TelegramUpdate update = TelegramUpdate.parse(payload.body());
        Instant received = payload.receivedAt() == null ? Instant.now() : payload.receivedAt();
        if (!update.body().isObject()) {
            throw new MalformedPayloadException("telegram update " + update.updateId() + ": " + update.kind()
                    + " is not an object");
        }
        Optional<? extends InboundEvent> event = switch (update.kind()) {
            case "message" -> TelegramMessageMapper.map(update.body(), false, update.updateId(), received);
            case "edited_message" -> TelegramMessageMapper.map(update.body(), true, update.updateId(), received);
            case "callback_query" -> TelegramCallbackMapper.map(update.body(), update.updateId(), received);
            case "my_chat_member" -> TelegramMemberMapper.map(update.body(), update.updateId(), received);
            default -> CHANNEL_KINDS.contains(update.kind()) ? Optional.empty() : unsupported(update, received);
        };
        if (event.isEmpty()) {
            LOG.debug("telegram update {} ({}) of tenant {} carries nothing for the hub", update.updateId(),
                    update.kind(), payload.tenantId());
            return List.of();
        }
        return List.of(event.get());
    }

    /**
     * A kind the hub has no mapping for (reactions, inline queries, polls, business messages, …), passed on
     * with its raw JSON when it names a person; kinds that name nobody (a poll's tally) concern no contact.
     */
    private static Optional<InboundMessage> unsupported(TelegramUpdate update, Instant received) {
        JsonNode body = update.body();
        JsonNode chat = body.get("chat");
        Optional<Long> contact;
        if (chat != null && chat.isObject()) {
            contact = TelegramChats.isPrivate(chat) ? BotJson.integer(chat, "id") : Optional.empty();
        } else {
            contact = BotJson.integer(body.get("from"), "id").or(() -> BotJson.integer(body.get("user"), "id"));
        }
        return contact.map(id -> {
            JsonNode person = body.has("from") ? body.get("from") : body.get("user");
            Party from = new Party(Long.toString(id), BotJson.personName(person));
            return new InboundMessage(from, null, from.address(), id + "#" + update.kind() + "-" + update.updateId(),
                    BotJson.time(body, "date", received), new UnsupportedContent(update.kind(), body), null, List.of(),
                    null, List.of(), Map.of("event", update.kind()));
        });
    }
}
