package io.channelhub.app.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data the platform's terms forbid sending (by email at least): payment card numbers, IBANs and Dutch citizen
 * service numbers (BSN). Each is recognised by its own checksum, not its shape alone, so an order number of 16
 * digits is not a card number unless it passes Luhn, and a 9-digit reference is a BSN only if it passes the
 * 11-check. Every text of a message's content is scanned (text, subject, HTML, captions, template parameters, card
 * titles); links and media types are not. What was found is named by kind, never by value.
 */
final class RestrictedContent {
    /** What may be found; {@link #code()} is how events and problems name it. */
    enum Kind {
        CARD_NUMBER, IBAN, BSN;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        String mask() {
            return "[" + code() + " removed]";
        }
    }

    /** Kinds found, and the content with each occurrence masked. */
    record Scan(Set<Kind> found, Content redacted) {
    }

    /** 13–19 digits, single spaces or dashes between them allowed, not part of a longer number. */
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    /** Country code, check digits and up to 30 letters or digits, in groups of four or not. */
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    /** Nine digits, written as one number or 1234.56.789, not part of a longer number or a phone number. */
    private static final Pattern BSN = Pattern.compile("(?<![\\d+.-])(\\d{4}\\.\\d{2}\\.\\d{3}|\\d{9})(?![\\d.-]?\\d)");
    private static final Set<String> NOT_TEXT = Set.of("type", "url", "mediaType", "mimeType", "language", "name",
            "filename", "sha256");

    private RestrictedContent() {
    }

    static Scan scan(Content content) {
        if (content == null) {
            return new Scan(Set.of(), null);
        }
        JsonNode tree = HubJson.mapper().valueToTree(content);
        Set<Kind> found = EnumSet.noneOf(Kind.class);
        JsonNode masked = mask(tree, found);
        if (found.isEmpty()) {
            return new Scan(Set.of(), content);
        }
        try {
            return new Scan(found, HubJson.mapper().treeToValue(masked, Content.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content that does not read back after masking", e);
        }
    }

    private static JsonNode mask(JsonNode node, Set<Kind> found) {
        if (node.isTextual()) {
            return TextNode.valueOf(maskText(node.asText(), found));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!NOT_TEXT.contains(field.getKey())) {
                    copy.set(field.getKey(), mask(field.getValue(), found));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = HubJson.mapper().createArrayNode();
            node.forEach(element -> copy.add(mask(element, found)));
            return copy;
        }
        return node;
    }

    static String maskText(String text, Set<Kind> found) {
        String out = replace(text, CARD, Kind.CARD_NUMBER, found);
        out = replace(out, IBAN, Kind.IBAN, found);
        return replace(out, BSN, Kind.BSN, found);
    }

    private static String replace(String text, Pattern pattern, Kind kind, Set<Kind> found) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean restricted = switch (kind) {
                case CARD_NUMBER -> luhn(digits(m.group()));
                case IBAN -> ibanChecksum(m.group().replace(" ", ""));
                case BSN -> elevenCheck(digits(m.group()));
            };
            if (restricted) {
                found.add(kind);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(restricted ? kind.mask() : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
    static boolean ibanChecksum(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value > 9 ? remainder * 100 : remainder * 10) + value;
            remainder %= 97;
        }
        return remainder == 1;
    }

    /** The BSN's 11-check: 9×d1 + 8×d2 + … + 2×d8 − d9 is a multiple of 11 (and not all zeros). */
    static boolean elevenCheck(String digits) {
        if (digits.length() != 9 || digits.chars().allMatch(c -> c == '0')) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (digits.charAt(i) - '0');
        }
        sum -= digits.charAt(8) - '0';
        return sum % 11 == 0;
    }
}
