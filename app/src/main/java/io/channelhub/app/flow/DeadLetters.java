package io.channelhub.app.flow;

import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.app.persistence.DeadLetterRepository;
import io.channelhub.app.persistence.TransactionHooks;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives up on a message: keeps it (raw body, properties, reason) for listing and replay, and publishes
 * it on {@code hub.dlq} as a JSON envelope with the {@code reasonCode}, {@code attempts} and
 * {@code originalQueue} properties of the contract. The dead letter's id derives from the broker id of
 * the message, so a redelivery records it once.
 */
@Component
public class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final DeadLetterRepository repository;
    private final MeterRegistry meters;
    private final Clock clock;

    public DeadLetters(DeadLetterRepository repository, MeterRegistry meters, Clock clock) {
        this.repository = repository;
        this.meters = meters;
        this.clock = clock;
    }

    public Outgoing bury(QueuedMessage message, String reasonCode, String detail, int attempts,
                         String hubMessageId) {
        String originalQueue = message.origin().queue();
        String id = UUID.nameUUIDFromBytes(("dead:" + message.messageId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        Map<String, Object> properties = new HashMap<>(message.properties());
        byte[] raw = message.bytes();
        String utf8 = asUtf8(raw);
        String body = utf8 != null ? utf8 : Base64.getEncoder().encodeToString(raw);
        String encoding = utf8 != null ? "utf8" : "base64";
        String tenantId = message.property("tenantId");
        String channel = message.property("channel");
        DeadLetter letter = new DeadLetter(id, tenantId, channel, originalQueue, reasonCode, detail, attempts, body,
                encoding, properties, hubMessageId, clock.instant(), null);
        repository.insert(letter);
        TransactionHooks.afterCommit(() -> meters.counter(HubMeters.DEAD_LETTERS, "channel",
                channel == null ? "unknown" : channel).increment());
        LOG.warn("Dead letter {} from {}: {} after {} attempt(s) (tenant {}, channel {})", id, originalQueue,
                reasonCode, attempts, tenantId, channel);

        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id);
        envelope.put("reasonCode", reasonCode);
        envelope.put("detail", detail);
        envelope.put("attempts", attempts);
        envelope.put("originalQueue", originalQueue);
        envelope.put("tenantId", tenantId);
        envelope.put("channel", channel);
        envelope.put("messageId", hubMessageId);
        envelope.put("payloadEncoding", encoding);
        envelope.put("payload", body);
        envelope.put("properties", properties);
        Map<String, Object> p = new HashMap<>();
        p.put("reasonCode", reasonCode);
        p.put("attempts", attempts);
        p.put("originalQueue", originalQueue);
        p.put("deadLetterId", id);
        if (tenantId != null) {
            p.put("tenantId", tenantId);
        }
        if (channel != null) {
            p.put("channel", channel);
        }
        if (message.property("conversationId") != null) {
            p.put("conversationId", message.property("conversationId"));
        }
        return new Outgoing.DeadLetter(Messages.json(envelope), p);
    }

    private static String asUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
