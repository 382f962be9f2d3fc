package io.channelhub.app.consent;

import io.channelhub.app.audit.Actors;
import io.channelhub.app.persistence.ConsentHistoryRepository;
import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.core.spi.ContactEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opt-outs and opt-ins per (tenant, channel, contact), shared by every channel: the current state on the contact,
 * and every change with its proof in the consent history (source, evidence, who recorded it, when it was given).
 */
@Component
public class ConsentStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentStore.class);
    /** The channel of a consent the platform recorded for every channel of the tenant. */
    public static final String EVERY_CHANNEL = "*";
    private final ContactRepository contacts;
    private final ConsentHistoryRepository history;
    private final Clock clock;

    public ConsentStore(ContactRepository contacts, ConsentHistoryRepository history, Clock clock) {
        this.contacts = contacts;
        this.history = history;
        this.clock = clock;
    }

    /** Where a consent came from. */
    public enum Source {
        /** The contact wrote an opt-out or opt-in keyword. */
        KEYWORD,
        /** The contact used the one-click unsubscribe link of a marketing e-mail. */
        UNSUBSCRIBE_LINK,
        /** The provider told: a refusal for an opted-out number, a notification opt-in, a blocked bot. */
        PROVIDER,
        /** The platform recorded one captured elsewhere (a web form, a signed contract). */
        PLATFORM_API;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Who recorded it: the contact itself, the provider, or the platform's token. */
        String actor() {
            return switch (this) {
                case KEYWORD, UNSUBSCRIBE_LINK -> "contact";
                case PROVIDER -> "provider";
                case PLATFORM_API -> Actors.current();
            };
        }
    }

    /** What a consent is for: every message, or marketing only. */
    public enum Scope {
        ALL, MARKETING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public void optOut(String tenantId, String channel, String address, Source source, String evidence) {
        Instant now = clock.instant();
        contacts.setConsent(tenantId, channel, address, "opted_out", evidence, now);
        remember(tenantId, channel, address, Scope.ALL, false, source, evidence, now);
    }

    public void optIn(String tenantId, String channel, String address, Source source, String evidence) {
        Instant now = clock.instant();
        contacts.setConsent(tenantId, channel, address, "opted_in", evidence, now);
        remember(tenantId, channel, address, Scope.ALL, true, source, evidence, now);
    }

    /**
     * A consent a provider reported (a notification opt-in, a blocked bot), taken only if nothing later is
     * recorded: its time is the provider's, since such events arrive concurrently and out of order.
     */
    public void reported(String tenantId, String channel, String address, ContactEvent.ConsentChange change,
                         Instant at) {
        Scope scope = change.scope() == ContactEvent.Scope.MARKETING ? Scope.MARKETING : Scope.ALL;
        contacts.setConsentIfNewer(tenantId, channel, address, scope == Scope.MARKETING,
                change.optedIn() ? "opted_in" : "opted_out", change.evidence(), at);
        remember(tenantId, channel, address, scope, change.optedIn(), Source.PROVIDER, change.evidence(), at);
    }

    /**
     * A consent the platform captured elsewhere, given at {@code givenAt}: it becomes the contact's state unless
     * the contact said something later (an opt-out by keyword after the web form, say); it is in the history
     * either way.
     *
     * @param channel a channel, or {@link #EVERY_CHANNEL}
     */
    public void recordedByPlatform(String tenantId, String channel, String address, Scope scope, boolean optedIn,
                                   String evidence, Instant givenAt) {
        contacts.setConsentIfNewer(tenantId, channel, address, scope == Scope.MARKETING,
                optedIn ? "opted_in" : "opted_out", evidence, givenAt);
        remember(tenantId, channel, address, scope, optedIn, Source.PLATFORM_API, evidence, givenAt);
    }

    /** Every consent of the contact on every channel of the tenant, the latest first. */
    public List<ConsentHistoryRepository.Entry> history(String tenantId, String address) {
        return history.of(tenantId, address);
    }

    /**
     * Whether marketing may go to the contact on {@code channel}: its latest marketing consent there is an opt-in,
     * or, with none there, the one the platform recorded for every channel is.
     */
    public boolean marketingAllowed(String tenantId, String channel, String address) {
        String here = contacts.find(tenantId, channel, address).map(ContactRepository.Contact::marketingConsent)
                .orElse(null);
        String everywhere = here != null ? null : contacts.find(tenantId, EVERY_CHANNEL, address)
                .map(ContactRepository.Contact::marketingConsent).orElse(null);
        return "opted_in".equals(here != null ? here : everywhere);
    }

    private void remember(String tenantId, String channel, String address, Scope scope, boolean optedIn, Source source,
                          String evidence, Instant givenAt) {
        String state = optedIn ? "opted_in" : "opted_out";
        history.append(tenantId, address, new ConsentHistoryRepository.Entry(channel, scope.wireName(), state,
                source.wireName(), evidence == null ? "" : evidence, source.actor(), givenAt, clock.instant()));
        LOG.info("{} {} ({}) recorded for tenant {} channel {} from {} ({})", scope == Scope.MARKETING ? "Marketing"
                : "Consent", state, scope.wireName(), tenantId, channel, source.wireName(), evidence);
    }
}
