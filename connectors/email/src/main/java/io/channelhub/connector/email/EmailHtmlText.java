package io.channelhub.connector.email;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text rendering of an HTML mail body, for HTML-only messages (inbound) and HTML-only content
 * (outbound needs a text/plain part). Deliberately simple: line breaks for block elements, tags dropped,
 * common entities decoded. It is a reading aid, not a sanitizer.
 */
final class EmailHtmlText {
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|tr|li|h[1-6]|blockquote|table|ul|ol)\\s*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of("nbsp", " ", "amp", "&", "lt", "<", "gt", ">",
            "quot", "\"", "apos", "'", "euro", "€", "copy", "©");

    private EmailHtmlText() {
    }

    static String toPlain(String html) {
        if (html == null) {
            return "";
        }
        String s = html.replace("\r", "").replace('\n', ' ');
        s = COMMENT.matcher(s).replaceAll("");
        s = INVISIBLE.matcher(s).replaceAll("");
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = LIST_ITEM.matcher(s).replaceAll("- ");
        s = BLOCK_END.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decodeEntities(s);
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            out.append(line.replaceAll("[ \\t\\u00a0]+", " ").strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String original) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return original;
        }
        return NAMED.getOrDefault(name.toLowerCase(Locale.ROOT), original);
    }
}
