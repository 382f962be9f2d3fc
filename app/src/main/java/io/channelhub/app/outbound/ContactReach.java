package io.channelhub.app.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.HubProperties;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.core.spi.CapabilityLookup;
import io.channelhub.core.spi.CapabilityLookup.ContactCapabilities;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a contact can get on a channel whose provider says so (RBM): asked once, then kept for
 * {@code hub.capability-ttl}, because a device's RCS support changes rarely and a lookup per send would
 * double the provider calls. A failed lookup is not kept: the next send asks again.
 */
@Component
public class ContactReach {
    private static final int MAX_CONTACTS = 100_000;
    private final Cache<String, ContactCapabilities> answers;

    public ContactReach(HubProperties hub) {
        this.answers = Caffeine.newBuilder().expireAfterWrite(hub.capabilityTtl()).maximumSize(MAX_CONTACTS).build();
    }

    /** The contact's capabilities, or empty when the channel cannot say. */
    public Optional<ContactCapabilities> of(ResolvedConnector connector, String address) {
        Optional<CapabilityLookup> lookup = connector.connector().capabilities();
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        String key = connector.config().tenantId() + '/' + connector.config().channel() + '/' + address;
        return Optional.of(answers.get(key, k -> lookup.get().lookup(address, connector.config())));
    }
}
