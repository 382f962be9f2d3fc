package io.channelhub.app.inbound;

import io.channelhub.app.consent.ConsentConfirmations;
import io.channelhub.app.consent.ConsentKeywords;
import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.flow.MessageIds;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.flow.Trail;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.outbound.PhoneNumbers;
import io.channelhub.app.outbound.SubmissionService;
import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.TransactionHooks;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.SentBy;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.routes.port.Outgoing;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns one normalized inbound message into the canonical message: assigns the hub id and conversation,
 * drops a duplicate of a provider message already seen, records the side facts (last inbound time for
 * the service window, opt-out/opt-in keywords, usage) and says where it goes next (media fetch or
 * straight to hub.inbound). Echoes of what the business sent elsewhere become outbound messages.
 */
@Component
class InboundRecorder {
    private final MessageRepository messages;
    private final ContactRepository contacts;
    private final ConsentStore consent;
    private final SubmissionService submissions;
    private final UsageMeter usage;
    private final MediaDownloads media;
    private final MeterRegistry meters;
    private final Clock clock;
    private final RecentContacts recentContacts = new RecentContacts();

    InboundRecorder(MessageRepository messages, ContactRepository contacts, ConsentStore consent,
                    SubmissionService submissions, UsageMeter usage, MediaDownloads media, MeterRegistry meters,
                    Clock clock) {
        this.submissions = submissions;
        this.messages = messages;
        this.contacts = contacts;
        this.consent = consent;
        this.usage = usage;
        this.media = media;
        this.meters = meters;
        this.clock = clock;
    }

    /** The inbound message to publish, and what it calls for (the confirmation of a consent keyword). */
    List<Outgoing> record(InboundMessage in, TenantConnector tc, Instant receivedAt, String intakeRef) {
        if (in.echo()) {
            return recordEcho(in, tc, receivedAt, intakeRef).stream().toList();
        }
        String tenantId = tc.tenantId();
        String channel = tc.channel();
        String address = in.from() != null && in.from().address() != null ? in.from().address() : in.contactKey();
        String conversationId = ConversationIds.derive(tenantId, channel, in.contactKey());
        Instant now = clock.instant();
        CanonicalMessage message = new CanonicalMessage(MessageIds.next(), tenantId, channel,
                Direction.INBOUND, in.from(), in.to(), conversationId, in.providerMessageId(),
                in.timestamp() != null ? in.timestamp() : receivedAt, in.content(), in.replyTo(), in.metadata(),
                in.attachments(), in.headers());
        String json = Messages.json(message);
        MessageRecord record = new MessageRecord(message.id(), 0, tenantId, channel, Direction.INBOUND, conversationId,
                address, in.providerMessageId(), DeliveryStatus.DELIVERED, null, json, intakeRef, 0,
                null, now, now, now);
        if (!messages.insert(record)) {
            MessageRecord existing = messages.findByProviderId(tenantId, channel, Direction.INBOUND,
                    in.providerMessageId()).orElseThrow();
            if (!intakeRef.equals(existing.intakeRef())) {
                return List.of(); // a provider's repeat of a message already delivered
            }
            // Our own earlier attempt, rolled back before it was published: publish what was recorded.
            message = Messages.canonical(existing.body());
            json = existing.body();
        } else {
            String contactKey = tenantId + '/' + channel + '/' + ContactRepository.key(address);
            if (recentContacts.needsWrite(contactKey, conversationId, message.timestamp())) {
                contacts.touchInbound(tenantId, channel, address, conversationId, message.timestamp());
                // Remembered at once, so the other messages of a batch do not lock the row again; forgotten
                // if the batch rolls back, so its redelivery writes the row.
                recentContacts.written(contactKey, conversationId, message.timestamp());
                TransactionHooks.afterRollback(() -> recentContacts.forget(contactKey));
            }
            String hubId = message.id();
            TransactionHooks.afterCommit(() -> {
                Trail.received(hubId, tenantId, channel, in.providerMessageId());
                usage.count(tenantId, channel, "inbound", 1);
                meters.counter(HubMeters.MESSAGES, "channel", channel, "direction", "inbound", "status", "received")
                        .increment();
            });
            List<Outgoing> out = new ArrayList<>();
            out.add(in.mediaSources().isEmpty() ? Messages.inbound(message, json)
                    : media.request(message, in.mediaSources()));
            out.addAll(applyConsentKeywords(message, tc, address));
            return out;
        }
        return List.of(in.mediaSources().isEmpty() ? Messages.inbound(message, json)
                : media.request(message, in.mediaSources()));
    }

    /**
     * A message the business sent from outside the hub (Meta Business Suite, another app): recorded as a
     * sent outbound message of the contact's conversation and published with direction outbound, so the
     * platform sees the whole thread. The echo of the hub's own send is dropped; so is a provider's repeat.
     * It is no sign of life from the contact: no service window, consent or usage follows from it.
     */
    private Optional<Outgoing> recordEcho(InboundMessage in, TenantConnector tc, Instant receivedAt, String intakeRef) {
        String tenantId = tc.tenantId();
        String channel = tc.channel();
        Object hubId = in.metadata().get(InboundMessage.ECHO_OF_HUB_MESSAGE);
        if (hubId != null && messages.find(tenantId, hubId.toString()).isPresent()
                || messages.findByProviderId(tenantId, channel, Direction.OUTBOUND, in.providerMessageId())
                .filter(m -> !intakeRef.equals(m.intakeRef())).isPresent()) {
            return Optional.empty();
        }
        String address = in.to() != null && in.to().address() != null ? in.to().address() : in.contactKey();
        String conversationId = ConversationIds.derive(tenantId, channel, in.contactKey());
        Instant now = clock.instant();
        CanonicalMessage message = new CanonicalMessage(MessageIds.next(), tenantId, channel, Direction.OUTBOUND,
                in.from(), in.to(), conversationId, in.providerMessageId(),
                in.timestamp() != null ? in.timestamp() : receivedAt, in.content(), in.replyTo(), in.metadata(),
                in.attachments(), in.headers());
        MessageRecord record = new MessageRecord(message.id(), 0, tenantId, channel, Direction.OUTBOUND,
                conversationId, address, in.providerMessageId(), DeliveryStatus.SENT, null, Messages.json(message),
                intakeRef, 0, null, now, now, now);
        if (messages.insert(record)) {
            // its history starts at sent, so delivery and read watermarks cover it like the hub's own sends
            messages.appendStatus(record.id(), 0, DeliveryStatus.SENT, null, intakeRef, now);
        } else {
            MessageRecord existing = messages.findByProviderId(tenantId, channel, Direction.OUTBOUND,
                    in.providerMessageId()).orElseThrow();
            if (!intakeRef.equals(existing.intakeRef())) {
                return Optional.empty(); // a provider's repeat, recorded by another item a moment ago
            }
            // our own earlier attempt, rolled back before it was published: publish what was recorded
            message = Messages.canonical(existing.body());
        }
        return Optional.of(in.mediaSources().isEmpty() ? Messages.inbound(message)
                : media.request(message, in.mediaSources()));
    }

    /**
     * Records the consent a keyword asks for, and answers the confirmation to send in the contact's language
     * (ConsentConfirmations), recorded in this transaction so that it is queued with it. (It carries no intake
     * reference: should the broker's commit fail after the database's, the contact's next message behind it
     * queues it again.)
     */
    private List<Outgoing> applyConsentKeywords(CanonicalMessage m, TenantConnector tc, String address) {
        if (!(m.content() instanceof TextContent text)) {
            return List.of();
        }
        Optional<ConsentKeywords.Match> keyword = ConsentKeywords.detect(text.text(),
                tc.settings().get("optOutKeywords"), tc.settings().get("optInKeywords"));
        keyword.ifPresent(match -> {
            String evidence = "inbound message " + m.id() + " (" + m.providerMessageId() + "): "
                    + text.text().strip() + (match.language() == null ? "" : " [" + match.language() + "]");
            if (match.intent() == ConsentKeywords.Intent.OPT_OUT) {
                consent.optOut(m.tenantId(), m.channel(), address, ConsentStore.Source.KEYWORD, evidence);
            } else {
                consent.optIn(m.tenantId(), m.channel(), address, ConsentStore.Source.KEYWORD, evidence);
            }
        });
        return keyword.flatMap(match -> ConsentConfirmations.reply(match.intent(), text.text(),
                        PhoneNumbers.country(address), m.channel(), address))
                .map(reply -> submissions.acceptInCallersTransaction(new OutboundSubmission(m.tenantId(), m.channel(),
                        null, Party.of(address), TextContent.of(reply), Category.TRANSACTIONAL, m.id(),
                        Map.of(ConsentConfirmations.METADATA_KEY, true), SentBy.BOT, null, null, List.of()), null))
                .orElse(List.of());
    }
}
