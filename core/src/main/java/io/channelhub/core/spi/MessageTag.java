package io.channelhub.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's message tag that lets a message out of the channel's customer-service window (Messenger's
 * {@code ACCOUNT_UPDATE}, {@code HUMAN_AGENT}, …). The submission names the tag; the hub's gate decides
 * whether it applies, and the connector sends under it only outside the window.
 *
 * @param name      the provider's tag name, as submissions give it
 * @param window    how long after the contact's last message the tag may be used, or null for any time
 * @param agentOnly only for messages a person wrote ({@code sentBy: agent})
 */
public record MessageTag(String name, Duration window, boolean agentOnly) {

    public MessageTag {
        Objects.requireNonNull(name, "name");
    }

    /** A tag usable at any time, by anyone. */
    public static MessageTag anyTime(String name) {
        return new MessageTag(name, null, false);
    }
}
