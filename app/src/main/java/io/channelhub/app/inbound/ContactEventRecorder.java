package io.channelhub.app.inbound;

import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.persistence.ContactEventRepository;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.ContactEventNotice;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.Direction;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.routes.port.Outgoing;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a contact event (a message unsent, a consent change, a standby thread) into the event published on
 * hub.events, once per provider event, and records a consent change in the consent store. It is no chat: no
 * service window, conversation message or usage follows from it.
 */
@Component
class ContactEventRecorder {
    private final ContactEventRepository events;
    private final MessageRepository messages;
    private final ConsentStore consent;
    private final Clock clock;

    ContactEventRecorder(ContactEventRepository events, MessageRepository messages, ConsentStore consent,
                         Clock clock) {
        this.events = events;
        this.messages = messages;
        this.consent = consent;
        this.clock = clock;
    }

    Optional<Outgoing> record(ContactEvent event, TenantConnector tc, Instant receivedAt, String intakeRef) {
        String tenantId = tc.tenantId();
        String channel = tc.channel();
        String conversationId = ConversationIds.derive(tenantId, channel, event.contactAddress());
        ContactEventNotice notice = notice(event, tenantId, channel, conversationId, receivedAt);
        String body = Messages.json(notice);
        if (!events.insert(tenantId, channel, event.providerEventId(), event.type(), event.contactAddress(), body,
                intakeRef, clock.instant())) {
            // a provider's repeat publishes nothing; our own rolled-back attempt publishes what it recorded
            return events.find(tenantId, channel, event.providerEventId())
                    .filter(stored -> intakeRef.equals(stored.intakeRef()))
                    .map(stored -> outgoing(tenantId, channel, conversationId, event.type(), stored.body()));
        }
        if (event.consent() != null) {
            ContactEvent.ConsentChange change = new ContactEvent.ConsentChange(event.consent().optedIn(),
                    event.consent().scope(), channel + " " + event.type() + " " + event.providerEventId() + ": "
                    + event.consent().evidence());
            consent.reported(tenantId, channel, event.contactAddress(), change, notice.timestamp());
        }
        return Optional.of(outgoing(tenantId, channel, conversationId, event.type(), body));
    }

    private ContactEventNotice notice(ContactEvent event, String tenantId, String channel, String conversationId,
                                      Instant receivedAt) {
        String messageId = event.providerMessageId() == null ? null
                : messages.findByProviderId(tenantId, channel, Direction.INBOUND, event.providerMessageId())
                .map(MessageRecord::id).orElse(null);
        String consentState = event.consent() == null ? null
                : event.consent().optedIn() ? "opted_in" : "opted_out";
        String scope = event.consent() == null ? null : event.consent().scope().name().toLowerCase(Locale.ROOT);
        return new ContactEventNotice(event.type(), UUID.randomUUID().toString(), tenantId, channel, conversationId,
                event.contactAddress(), event.providerEventId(), messageId, event.providerMessageId(), consentState,
                scope, event.details(), event.timestamp() != null ? event.timestamp() : receivedAt);
    }

    private static Outgoing outgoing(String tenantId, String channel, String conversationId, String type,
                                     String body) {
        Map<String, Object> properties = Messages.routing(tenantId, channel, conversationId);
        properties.put("type", type);
        return new Outgoing.Event(body, properties);
    }
}
