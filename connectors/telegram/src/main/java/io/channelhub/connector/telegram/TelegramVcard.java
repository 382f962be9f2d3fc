package io.channelhub.connector.telegram;

import java.util.List;

/** The vCard sendContact takes for what its own fields cannot hold (more phones, e-mail addresses). */
final class TelegramVcard {
    /** sendContact's vcard: 0–2048 bytes. */
    private static final int MAX_BYTES = 2048;

    private TelegramVcard() {
    }

    /** The card, or null when it would exceed Telegram's size limit (the first phone still goes). */
    static String of(String name, List<String> phones, List<String> emails) {
        StringBuilder card = new StringBuilder("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        card.append("FN:").append(escape(name == null ? phones.get(0) : name)).append("\r\n");
        phones.forEach(p -> card.append("TEL:").append(escape(p)).append("\r\n"));
        emails.forEach(e -> card.append("EMAIL:").append(escape(e)).append("\r\n"));
        card.append("END:VCARD");
        String text = card.toString();
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES ? text : null;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r", "")
                .replace("\n", "\\n");
    }
}
