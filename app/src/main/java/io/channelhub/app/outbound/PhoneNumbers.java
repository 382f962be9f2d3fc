package io.channelhub.app.outbound;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Phone numbers as Google's libphonenumber reads them (its metadata knows each country's lengths, ranges and
 * kinds of line, which no pattern here could keep up with): what the platform submits, normalised to E.164, and
 * what a number says about its recipient (a landline; the time zones of its region).
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private PhoneNumbers() {
    }

    /** A number as parsed, valid for its region. */
    record Parsed(PhoneNumber number) {
        String e164() {
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        }

        /** A fixed line, which takes no SMS (a number that may be either, as in the US, is not). */
        boolean landline() {
            return UTIL.getNumberType(number) == PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
        }

        /** The time zones of the number's region or range; empty where the metadata knows none. */
        List<ZoneId> zones() {
            return ZONES.getTimeZonesForNumber(number).stream()
                    .filter(z -> !z.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()))
                    .flatMap(PhoneNumbers::zone).toList();
        }
    }

    /**
     * An international number ({@code +} and the country code; spaces, dots, dashes and brackets allowed) that is
     * valid for its region, else empty.
     */
    static Optional<Parsed> parse(String raw) {
        if (raw == null || !raw.strip().startsWith("+")) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw, null);
            return UTIL.isValidNumber(number) ? Optional.of(new Parsed(number)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The country (ISO 3166) of a valid international number, else empty. */
    public static Optional<String> country(String address) {
        return parse(address).map(p -> UTIL.getRegionCodeForNumber(p.number()));
    }

    private static java.util.stream.Stream<ZoneId> zone(String id) {
        try {
            return java.util.stream.Stream.of(ZoneId.of(id));
        } catch (DateTimeException unknownToThisJdk) {
            return java.util.stream.Stream.empty();
        }
    }
}
