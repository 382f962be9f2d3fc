package io.channelhub.connector.sms;

/**
 * Counts the SMS segments a text is billed as. A text that fits the GSM 03.38 alphabet is sent in
 * 7-bit septets (160 per single message, 153 per part of a concatenated one, extension-table
 * characters such as {@code €} or {@code [} taking two); anything else is sent as UCS-2 (70 UTF-16
 * units single, 67 per part, an emoji taking two). Like the carriers, a two-septet character or a
 * surrogate pair is never split across two parts, so a part may carry one unit less.
 * See https://www.twilio.com/docs/glossary/what-sms-character-limit
 */
final class SmsSegments {

    /** How the text travels on the air interface. */
    enum Encoding { GSM_7, UCS_2 }

    static final int GSM_SINGLE = 160;
    static final int GSM_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;

    private static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                    + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    static Encoding encodingOf(String text) {
        if (text == null) {
            return Encoding.GSM_7;
        }
        for (int i = 0; i < text.length(); i++) {
            if (gsmSeptets(text.charAt(i)) == 0) {
                return Encoding.UCS_2;
            }
        }
        return Encoding.GSM_7;
    }

    /** The number of segments; an empty text still goes out as one. */
    static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        return encodingOf(text) == Encoding.GSM_7 ? countGsm(text) : countUcs2(text);
    }

    private static int countGsm(String text) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            total += gsmSeptets(text.charAt(i));
        }
        if (total <= GSM_SINGLE) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = gsmSeptets(text.charAt(i));
            if (used + cost > GSM_PART) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return segments;
    }

    private static int countUcs2(String text) {
        if (text.length() <= UCS2_SINGLE) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cost = Character.charCount(text.codePointAt(i));
            if (used + cost > UCS2_PART) {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost;
        }
        return segments;
    }

    /** 1 for the basic table, 2 for the extension table (escape + char), 0 when not GSM-7 at all. */
    private static int gsmSeptets(char c) {
        if (GSM_BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }
}
