package io.channelhub.app.consent;

import io.channelhub.app.persistence.ContactRepository;
import java.time.Clock;
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

    /** Consent to marketing messages only; the consent to other messages stays as it is. */
    public void marketing(String tenantId, String channel, String address, boolean optedIn, String evidence) {
        contacts.setMarketingConsent(tenantId, channel, address, optedIn ? "opted_in" : "opted_out", evidence,
                clock.instant());
        LOG.info("Marketing {} recorded for tenant {} channel {} ({})", optedIn ? "opt-in" : "opt-out", tenantId,
                channel, evidence);
    }
}
