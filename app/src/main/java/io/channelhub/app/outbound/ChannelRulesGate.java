package io.channelhub.app.outbound;

import io.channelhub.app.consent.ConsentConfirmations;
import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.SentBy;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.MessageTag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one pre-send gate for every channel, fed by the connectors' descriptors: a provider-scoped user id
 * only for a known contact, consent (and for marketing a recorded opt-in to it), the channel's customer-service window (and the message tags that
 * lead out of it, by who wrote the message and how long ago the contact last wrote), and tenants' quiet
 * hours for marketing. Runs at send time, not at acceptance, because an opt-out or a window can change while a
 * message waits.
 */
@Component
public class ChannelRulesGate {
    private final ContactRepository contacts;
    private final ConsentStore consent;
    private final Clock clock;

    public ChannelRulesGate(ContactRepository contacts, ConsentStore consent, Clock clock) {
        this.contacts = contacts;
        this.consent = consent;
        this.clock = clock;
    }

    /**
     * What the gate decided: send this content (under a message tag, outside the service window), refuse
     * with a reason, or wait until a time.
     */
    public record Verdict(Content content, String tag, Reason rejection, Instant deferUntil) {
        static Verdict send(Content c, String tag) {
            return new Verdict(c, tag, null, null);
        }

        static Verdict reject(String code, String detail) {
            return new Verdict(null, null, Reason.of(code, detail), null);
        }

        static Verdict defer(Instant until) {
            return new Verdict(null, null, null, until);
        }
    }

    public Verdict check(Tenant tenant, ChannelDescriptor channel, String address, CanonicalMessage message,
                         Category category) {
        Content content = message.content();
        Optional<ContactRepository.Contact> contact = contacts.find(tenant.id(), channel.id(), address);
        if (contact.isEmpty() && channel.isScopedUserId(address)) {
            // The provider issues such an id to the business in the contact's own messages: one the hub has
            // never seen (or has erased) names nobody it may write to.
            return Verdict.reject(ReasonCodes.INVALID_ADDRESS, "no contact on " + channel.id()
                    + " is known by this user id; address the contact by phone number or by the id it wrote from");
        }
        if (contact.map(ContactRepository.Contact::optedOut).orElse(false)
                && !Boolean.TRUE.equals(message.metadata().get(ConsentConfirmations.METADATA_KEY))) {
            return Verdict.reject(ReasonCodes.OPTED_OUT, "the contact opted out on " + channel.id());
        }
        if (category == Category.MARKETING && !consent.marketingAllowed(tenant.id(), channel.id(), address)) {
            return Verdict.reject(ReasonCodes.NO_MARKETING_CONSENT, "no recorded opt-in to marketing on "
                    + channel.id() + " (nor for every channel); the platform records one with POST /api/v1/tenants/"
                    + "{tenantId}/contacts/{address}/consent");
        }
        Content sendable = ContentDegradation.degrade(content, channel);
        if (!channel.outboundContent().contains(sendable.kind())) {
            return Verdict.reject(ReasonCodes.UNSUPPORTED_CONTENT, channel.id() + " cannot send "
                    + content.kind().wireName());
        }
        Optional<Duration> window = channel.window();
        String tag = null;
        if (window.isPresent() && !channel.windowExemptContent().contains(sendable.kind())) {
            Instant last = contact.map(ContactRepository.Contact::lastInboundAt).orElse(null);
            if (!within(last, window.get())) {
                MessageTag outside = tagFor(channel, message);
                Optional<String> refusal = tagRefusal(channel, outside, message, last);
                if (refusal.isPresent()) {
                    return Verdict.reject(ReasonCodes.OUTSIDE_SERVICE_WINDOW, "no inbound message from the contact in"
                            + " the last " + window.get().toHours() + " h; " + refusal.get());
                }
                tag = outside.name();
            }
        }
        if (category == Category.MARKETING) {
            Instant quietUntil = quietHoursEnd(tenant, address);
            if (quietUntil != null) {
                return Verdict.defer(quietUntil);
            }
        }
        return Verdict.send(sendable, tag);
    }

    /**
     * The tag a message would leave the window under: the one submitted, else for a message a person wrote
     * the channel's tag for people (Messenger's {@code HUMAN_AGENT}, CONTRACT §7), else none.
     */
    private static MessageTag tagFor(ChannelDescriptor channel, CanonicalMessage message) {
        if (message.tag() != null) {
            return channel.messageTag(message.tag()).orElse(null);
        }
        return message.sentBy() != SentBy.AGENT ? null
                : channel.messageTags().stream().filter(MessageTag::personOnly).findFirst().orElse(null);
    }

    /** Why the tag cannot carry the message out of the window, or empty when it can. */
    private Optional<String> tagRefusal(ChannelDescriptor channel, MessageTag tag, CanonicalMessage message,
                                        Instant lastInbound) {
        if (tag == null) {
            return Optional.of("only " + channel.windowExemptContent().stream().map(ContentType::wireName).sorted()
                    .toList() + " content may be sent" + (channel.messageTags().isEmpty() ? ""
                    : ", or a message under one of the tags " + channel.messageTags().stream().map(MessageTag::name)
                    .toList()));
        }
        if (tag.personOnly() && message.sentBy() != SentBy.AGENT) {
            return Optional.of("tag " + tag.name() + " is only for messages a person wrote (sentBy agent)");
        }
        if (!tag.allows(lastInbound, clock.instant(), message.sentBy() == SentBy.AGENT)) {
            return Optional.of("tag " + tag.name() + " applies only within " + tag.sinceLastInbound().toDays()
                    + " days of the contact's last message");
        }
        return Optional.empty();
    }

    private boolean within(Instant lastInbound, Duration window) {
        return lastInbound != null && !lastInbound.plus(window).isBefore(clock.instant());
    }

    /**
     * When the tenant's quiet hours end for this recipient if they are on now, else null. They are kept in the
     * recipient's time: the time zones of the phone number's region (the tenant's time zone only for an address
     * that gives none, such as an e-mail address or a user id). A number whose region spans several zones (the US)
     * is quiet while it is quiet in any of them, and until it is quiet in none.
     */
    Instant quietHoursEnd(Tenant tenant, String address) {
        if (tenant.quietHours() == null || tenant.quietHours().isBlank()) {
            return null;
        }
        String[] parts = tenant.quietHours().split("-");
        LocalTime start = LocalTime.parse(parts[0].trim());
        LocalTime end = LocalTime.parse(parts[1].trim());
        List<ZoneId> zones = PhoneNumbers.parse(address).map(PhoneNumbers.Parsed::zones).filter(z -> !z.isEmpty())
                .orElse(List.of(ZoneId.of(tenant.timezone())));
        Instant until = null;
        for (ZoneId zone : zones) {
            ZonedDateTime now = clock.instant().atZone(zone);
            LocalTime t = now.toLocalTime();
            boolean quiet = start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end)
                    : !t.isBefore(start) || t.isBefore(end);
            if (quiet) {
                ZonedDateTime endToday = now.with(end);
                Instant endHere = (endToday.isAfter(now) ? endToday : endToday.plusDays(1)).toInstant();
                until = until == null || endHere.isAfter(until) ? endHere : until;
            }
        }
        return until;
    }
}
