package io.channelhub.app.outbound;

import io.channelhub.app.flow.StatusEvents;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MessageRevoker;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.Publisher;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The platform takes back an outbound message that was not delivered (CONTRACT §7 {@code DELETE} of a
 * message). One not sent yet is stopped by the hub itself; one sent is taken back by the provider where
 * the channel can ({@link MessageRevoker}). A revoked message ends {@code failed} with reason
 * {@code revoked} and its event; one the provider says is delivered records that and is refused.
 */
@Component
public class MessageRevocation {
    private final MessageRepository messages;
    private final TenantConnectors connectors;
    private final StatusEvents events;
    private final Publisher publisher;
    private final Clock clock;

    public MessageRevocation(MessageRepository messages, TenantConnectors connectors, StatusEvents events,
                             Publisher publisher, Clock clock) {
        this.messages = messages;
        this.connectors = connectors;
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** What became of a revocation. */
    public enum Result { REVOKED, NOT_FOUND, ALREADY_DELIVERED, ALREADY_ENDED, CHANNEL_CANNOT_REVOKE }

    /**
     * Revokes the message. Provider failures leave as the connector's
     * {@link io.channelhub.core.error.ChannelException}s: nothing is changed then, and the call may be repeated.
     */
    public Result revoke(String tenantId, String id) {
        MessageRecord record = messages.find(tenantId, id).filter(r -> r.direction() == Direction.OUTBOUND)
                .orElse(null);
        if (record == null) {
            return Result.NOT_FOUND;
        }
        switch (record.status()) {
            case DELIVERED, READ -> {
                return Result.ALREADY_DELIVERED;
            }
            case FAILED, REJECTED -> {
                return Result.ALREADY_ENDED;
            }
            default -> { }
        }
        if (revoker(record).isEmpty()) {
            return Result.CHANNEL_CANNOT_REVOKE;
        }
        if (record.status() == DeliveryStatus.SENT
                && revokeSent(record).orElseThrow() == MessageRevoker.Outcome.ALREADY_DELIVERED) {
            publish(events.transition(record, DeliveryStatus.DELIVERED, null, null, clock.instant(), null));
            return Result.ALREADY_DELIVERED;
        }
        // Not sent yet: dispatch finds it ended and sends nothing. (A send already under way when this commits
        // still reaches the provider; its later report cannot move the message back.)
        publish(events.transition(record, DeliveryStatus.FAILED, new Reason(ReasonCodes.REVOKED,
                "taken back by the platform before delivery", null, false), null, clock.instant(), null));
        return Result.REVOKED;
    }

    /**
     * Asks the provider to take back a message it was sent, where the channel can (empty where it cannot); changes
     * nothing in the hub. Provider failures leave as with {@link #revoke}.
     */
    public Optional<MessageRevoker.Outcome> revokeSent(MessageRecord record) {
        return revoker(record).map(revoker -> revoker.revoke(record.providerMessageId(), record.contactAddress(),
                connectors.resolve(record.tenantId(), record.channel()).orElseThrow().config()));
    }

    private void publish(List<Outgoing> events) {
        if (!events.isEmpty()) {
            publisher.publish(events);
        }
    }

    private Optional<MessageRevoker> revoker(MessageRecord record) {
        return connectors.resolve(record.tenantId(), record.channel()).flatMap(r -> r.connector().revoker());
    }
}
