package io.channelhub.connector.whatsapp;

import java.util.regex.Pattern;

/**
 * WhatsApp user addresses: phone numbers (Meta writes them as digits without {@code +}) and
 * business-scoped user ids, {@code CC.<up to 128 alphanumerics>} or the parent form {@code CC.ENT.<…>}.
 */
final class WhatsAppAddresses {

    private static final Pattern PHONE = Pattern.compile("\\+?\\d{6,20}");
    static final Pattern BSUID = Pattern.compile("[A-Z]{2}(\\.ENT)?\\.[A-Za-z0-9]{1,128}");

    private WhatsAppAddresses() {
    }

    static boolean isPhoneNumber(String value) {
        return value != null && PHONE.matcher(value).matches();
    }

    static boolean isBsuid(String value) {
        return value != null && BSUID.matcher(value).matches();
    }

    static String toE164(String phone) {
        return phone.startsWith("+") ? phone : "+" + phone;
    }

    /** Graph's {@code to} wants the digits only. */
    static String toGraphPhone(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }
}
