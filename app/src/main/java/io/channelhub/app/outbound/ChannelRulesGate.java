package io.channelhub.app.outbound;

import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one pre-send gate for every channel, fed by the connectors' descriptors: a provider-scoped user id
 * only for a known contact, consent, the channel's customer-service window, and tenants' quiet hours for
 * marketing. Runs at send time, not at acceptance, because an opt-out or a window can change while a
 * message waits.
 */
@Component
public class ChannelRulesGate {
    private final ContactRepository contacts;
    private final Clock clock;

    public ChannelRulesGate(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    /** What the gate decided: send this content, refuse with a reason, or wait until a time. */
    public record Verdict(Content content, Reason rejection, Instant deferUntil) {
        static Verdict send(Content c) {
            return new Verdict(c, null, null);
        }

        static Verdict reject(String code, String detail) {
            return new Verdict(null, Reason.of(code, detail), null);
        }

        static Verdict defer(Instant until) {
            return new Verdict(null, null, until);
        }
    }

    public Verdict check(Tenant tenant, ChannelDescriptor channel, String address, Content content, Category category) {
        Optional<ContactRepository.Contact> contact = contacts.find(tenant.id(), channel.id(), address);
        if (contact.isEmpty() && channel.isScopedUserId(address)) {
            // The provider issues such an id to the business in the contact's own messages: one the hub has
            // never seen (or has erased) names nobody it may write to.
            return Verdict.reject(ReasonCodes.INVALID_ADDRESS, "no contact on " + channel.id()
                    + " is known by this user id; address the contact by phone number or by the id it wrote from");
        }
        if (contact.map(ContactRepository.Contact::optedOut).orElse(false)) {
            return Verdict.reject(ReasonCodes.OPTED_OUT, "the contact opted out on " + channel.id());
        }
        Content sendable = ContentDegradation.degrade(content, channel);
        if (!channel.outboundContent().contains(sendable.kind())) {
            return Verdict.reject(ReasonCodes.UNSUPPORTED_CONTENT, channel.id() + " cannot send "
                    + content.kind().wireName());
        }
        Optional<Duration> window = channel.window();
        if (window.isPresent() && !channel.windowExemptContent().contains(sendable.kind())) {
            Instant last = contact.map(ContactRepository.Contact::lastInboundAt).orElse(null);
            if (last == null || last.plus(window.get()).isBefore(clock.instant())) {
                return Verdict.reject(ReasonCodes.OUTSIDE_SERVICE_WINDOW, "no inbound message from the contact in the"
                        + " last " + window.get().toHours() + " h; only " + channel.windowExemptContent().stream().map(k -> k.wireName()).sorted().toList()
                        + " content may be sent");
            }
        }
        if (category == Category.MARKETING) {
            Instant quietUntil = quietHoursEnd(tenant);
            if (quietUntil != null) {
                return Verdict.defer(quietUntil);
            }
        }
        return Verdict.send(sendable);
    }

    /** The end of the tenant's quiet hours if they are on now, else null. */
    Instant quietHoursEnd(Tenant tenant) {
        if (tenant.quietHours() == null || tenant.quietHours().isBlank()) {
            return null;
        }
        String[] parts = tenant.quietHours().split("-");
        LocalTime start = LocalTime.parse(parts[0].trim());
        LocalTime end = LocalTime.parse(parts[1].trim());
        ZonedDateTime now = clock.instant().atZone(ZoneId.of(tenant.timezone()));
        LocalTime t = now.toLocalTime();
        boolean quiet = start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        if (!quiet) {
            return null;
        }
        ZonedDateTime endToday = now.with(end);
        return (endToday.isAfter(now) ? endToday : endToday.plusDays(1)).toInstant();
    }
}
