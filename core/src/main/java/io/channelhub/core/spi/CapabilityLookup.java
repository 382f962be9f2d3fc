package io.channelhub.core.spi;

import java.util.List;

/**
 * For channels whose provider says, per contact, whether it can be reached and what its device shows
 * (RBM's {@code phones.getCapabilities}). The hub asks before sending to a contact it has no fresh answer
 * for, keeps answers for a while, and ends a message to an unreachable contact without a send.
 */
public interface CapabilityLookup {

    /** Provider failures are thrown as {@link io.channelhub.core.error.ChannelException}s, as by senders. */
    ContactCapabilities lookup(String address, TenantConnector connector);

    /**
     * @param reachable false when the contact cannot be reached on the channel at all (no RCS)
     * @param features  what the contact's device can show, in the provider's words ({@code RICHCARD_STANDALONE}, …)
     */
    record ContactCapabilities(boolean reachable, List<String> features) {
        public ContactCapabilities {
            features = features == null ? List.of() : List.copyOf(features);
        }

        public static ContactCapabilities unreachable() {
            return new ContactCapabilities(false, List.of());
        }
    }
}
