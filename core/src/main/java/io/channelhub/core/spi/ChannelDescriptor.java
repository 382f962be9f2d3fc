package io.channelhub.core.spi;

import io.channelhub.core.model.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a channel is and can do. The hub's one pre-send gate reads these capabilities to apply the
 * channel rules (address format, content allowed, service window) the same way for every channel.
 *
 * @param id                 channel id as in URLs and messages ({@code whatsapp}, {@code sms}, …)
 * @param displayName        human name
 * @param addressFormat      format of consumer addresses
 * @param outboundContent    content types the sender accepts; {@code choice} and {@code template} are
 *                           degraded by the hub (numbered text, fallback text) where absent
 * @param serviceWindow      how long after the contact's last inbound message free-form content may
 *                           be sent, or null when the channel has no such window
 * @param windowExemptContent content types allowed outside the service window (e.g. templates)
 * @param settingKeys        setting names ops may give (the contract's names first)
 * @param secretKeys         secret names ops may give
 * @param requiredSettings   settings without which the connector cannot work
 * @param requiredSecrets    alternative sets of secrets, one of which must be complete
 * @param routingSetting     the setting that identifies the tenant's provider account in a
 *                           platform-wide webhook (phone_number_id, page id), or null
 * @param scopedUserIds      the form of the provider-scoped user ids the channel can also send to besides
 *                           {@code addressFormat} (WhatsApp's business-scoped user ids), or null. Such an id
 *                           is issued to the business in the contact's messages, so the hub sends to one
 *                           only where it has a contact known by it
 * @param messageTags        the provider's tags that let a message out of the service window (empty: none)
 */
public record ChannelDescriptor(
        String id,
        String displayName,
        AddressFormat addressFormat,
        Set<ContentType> outboundContent,
        Duration serviceWindow,
        Set<ContentType> windowExemptContent,
        List<String> settingKeys,
        List<String> secretKeys,
        Set<String> requiredSettings,
        List<Set<String>> requiredSecrets,
        String routingSetting,
        Pattern scopedUserIds,
        List<MessageTag> messageTags) {

    public ChannelDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]{1,30}")) {
            throw new IllegalArgumentException("channel id must be a short lowercase word: " + id);
        }
        outboundContent = Set.copyOf(outboundContent);
        windowExemptContent = windowExemptContent == null ? Set.of() : Set.copyOf(windowExemptContent);
        settingKeys = List.copyOf(settingKeys);
        secretKeys = List.copyOf(secretKeys);
        requiredSettings = Set.copyOf(requiredSettings);
        requiredSecrets = List.copyOf(requiredSecrets);
        messageTags = messageTags == null ? List.of() : List.copyOf(messageTags);
    }

    /** A channel whose consumers are addressed in {@code addressFormat} only. */
    public ChannelDescriptor(String id, String displayName, AddressFormat addressFormat,
                             Set<ContentType> outboundContent, Duration serviceWindow,
                             Set<ContentType> windowExemptContent, List<String> settingKeys, List<String> secretKeys,
                             Set<String> requiredSettings, List<Set<String>> requiredSecrets, String routingSetting) {
        this(id, displayName, addressFormat, outboundContent, serviceWindow, windowExemptContent, settingKeys,
                secretKeys, requiredSettings, requiredSecrets, routingSetting, null, List.of());
    }

    /** A channel without message tags. */
    public ChannelDescriptor(String id, String displayName, AddressFormat addressFormat,
                             Set<ContentType> outboundContent, Duration serviceWindow,
                             Set<ContentType> windowExemptContent, List<String> settingKeys, List<String> secretKeys,
                             Set<String> requiredSettings, List<Set<String>> requiredSecrets, String routingSetting,
                             Pattern scopedUserIds) {
        this(id, displayName, addressFormat, outboundContent, serviceWindow, windowExemptContent, settingKeys,
                secretKeys, requiredSettings, requiredSecrets, routingSetting, scopedUserIds, List.of());
    }

    public Optional<Duration> window() {
        return Optional.ofNullable(serviceWindow);
    }

    public Optional<String> routing() {
        return Optional.ofNullable(routingSetting);
    }

    /** The channel's message tag of that name. */
    public Optional<MessageTag> messageTag(String name) {
        return messageTags.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** True when {@code address} is one of the channel's provider-scoped user ids. */
    public boolean isScopedUserId(String address) {
        return scopedUserIds != null && address != null && scopedUserIds.matcher(address).matches();
    }

    /** Format of consumer addresses on a channel. */
    public enum AddressFormat {
        /** {@code +} and 8–15 digits. */
        E164,
        /** RFC 5322 addr-spec. */
        EMAIL,
        /** A provider-scoped id: any non-blank string without whitespace. */
        OPAQUE
    }
}
