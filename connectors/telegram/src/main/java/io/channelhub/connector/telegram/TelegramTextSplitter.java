package io.channelhub.connector.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text longer than a Bot API limit (4,096 characters for a message, 1,024 for a caption) into parts that
 * fit, in order, each cut at the last paragraph break, else line break, else space within the limit, and only
 * where there is none mid-word — never inside a surrogate pair. Telegram counts UTF-16 code units.
 * https://core.telegram.org/bots/api#sendmessage
 */
final class TelegramTextSplitter {

    private TelegramTextSplitter() {
    }

    static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = cutPoint(rest, limit);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int cutPoint(String text, int limit) {
        String window = text.substring(0, limit + 1); // a break just after the limit still ends a full part
        for (String boundary : new String[] {"\n\n", "\n", " "}) {
            int at = window.lastIndexOf(boundary);
            if (at > limit / 2) {
                return Math.min(at + boundary.length(), limit);
            }
        }
        int cut = limit;
        if (Character.isHighSurrogate(text.charAt(cut - 1)) && Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        return cut;
    }
}
