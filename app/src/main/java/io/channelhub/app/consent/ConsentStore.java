package io.channelhub.app.consent;

import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.core.spi.ContactEvent;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Opt-outs and opt-ins per (tenant, channel, contact), shared by every channel, with their evidence. */
@Component
public class ConsentStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentStore.class);
    private final ContactRepository contacts;
    private final Clock clock;

    public ConsentStore(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    public void optOut(String tenantId, String channel, String address, String evidence) {
        contacts.setConsent(tenantId, channel, address, "opted_out", evidence, clock.instant());
        LOG.info("Opt-out recorded for tenant {} channel {} ({})", tenantId, channel, evidence);
    }

    public void optIn(String tenantId, String channel, String address, String evidence) {
        contacts.setConsent(tenantId, channel, address, "opted_in", evidence, clock.instant());
        LOG.info("Opt-in recorded for tenant {} channel {} ({})", tenantId, channel, evidence);
    }

    /**
     * A consent a provider reported (a notification opt-in, a blocked bot), taken only if nothing later is
     * recorded: its time is the provider's, since such events arrive concurrently and out of order.
     */
    public void reported(String tenantId, String channel, String address, ContactEvent.ConsentChange change,
                         Instant at) {
        boolean marketing = change.scope() == ContactEvent.Scope.MARKETING;
        contacts.setConsentIfNewer(tenantId, channel, address, marketing, change.optedIn() ? "opted_in" : "opted_out",
                change.evidence(), at);
        LOG.info("{}{} reported for tenant {} channel {} ({})", marketing ? "Marketing " : "",
                change.optedIn() ? "opt-in" : "opt-out", tenantId, channel, change.evidence());
    }
}
