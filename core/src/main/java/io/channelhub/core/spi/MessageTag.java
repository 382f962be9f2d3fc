package io.channelhub.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A message tag of a channel with a service window (Messenger, Instagram): a message carrying it may be sent
 * outside the window, for a kind of update the channel names, within limits of its own.
 *
 * @param name             the tag as the provider spells it ({@code HUMAN_AGENT}, {@code ACCOUNT_UPDATE}, …)
 * @param sinceLastInbound how long after the contact's last message the tag may be used, or null for any time
 * @param personOnly       true when only a message a person wrote (submission {@code sentBy: agent}) may carry it
 */
public record MessageTag(String name, Duration sinceLastInbound, boolean personOnly) {

    public MessageTag {
        Objects.requireNonNull(name, "name");
    }

    /** A tag usable at any time by any sender. */
    public static MessageTag anyTime(String name) {
        return new MessageTag(name, null, false);
    }

    /**
     * Whether a message with this tag may be sent now to a contact whose last message came at
     * {@code lastInbound} (null: never), written by a person or not.
     */
    public boolean allows(Instant lastInbound, Instant now, boolean writtenByPerson) {
        if (personOnly && !writtenByPerson) {
            return false;
        }
        return sinceLastInbound == null
                || lastInbound != null && !lastInbound.plus(sinceLastInbound).isBefore(now);
    }
}
