package io.channelhub.connector.sms.model;

import java.util.Locale;

/**
 * An address as Twilio's {@code From} and {@code To} carry it: a phone number for SMS and MMS, the same
 * number behind a channel prefix when the message came over another channel through Twilio
 * ({@code whatsapp:+31612345678}). https://www.twilio.com/docs/whatsapp/api
 *
 * @param channel the prefix in lower case ({@code whatsapp}), or null for a plain SMS/MMS address
 * @param address the address without the prefix: E.164 for phone numbers
 */
public record TwilioAddress(String channel, String address) {

    public static TwilioAddress parse(String raw) {
        String value = raw.trim();
        int colon = value.indexOf(':');
        if (colon <= 0 || !isChannelName(value.substring(0, colon))) {
            return new TwilioAddress(null, value);
        }
        return new TwilioAddress(value.substring(0, colon).toLowerCase(Locale.ROOT), value.substring(colon + 1).trim());
    }

    /** False for a value of control characters only ({@code To=%00}), which names no address at all. */
    public boolean isPresent() {
        return !address.isEmpty();
    }

    private static boolean isChannelName(String prefix) {
        return prefix.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
    }
}
