package io.channelhub.connector.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message-IDs as the hub writes and reads them. The hub makes {@code <hubMessageId@hub-domain>} so that
 * a bounce or reply quoting it leads back to the hub message. Ids are kept with their angle brackets
 * everywhere (send results, inbound ids, threading headers), exactly as they appear in the header, so
 * the hub compares like with like.
 */
final class EmailMessageIds {
    private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EmailMessageIds() {
    }

    static String forHubMessage(String hubMessageId, String hubDomain) {
        return "<" + hubMessageId + "@" + hubDomain + ">";
    }

    /** The hub message id inside a Message-ID the hub made, or empty for any other Message-ID. */
    static Optional<String> hubMessageIdOf(String messageId, String hubDomain) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = stripBrackets(messageId.trim());
        int at = id.lastIndexOf('@');
        if (at < 0 || !id.substring(at + 1).toLowerCase(Locale.ROOT).equals(hubDomain.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String local = id.substring(0, at);
        return UUID.matcher(local).matches() ? Optional.of(local) : Optional.empty();
    }

    /** True for a bare hub message id (a UUID). */
    static boolean isHubId(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    /** One id in its canonical bracketed form. */
    static String bracketed(String id) {
        String trimmed = id.trim();
        return trimmed.startsWith("<") ? trimmed : "<" + trimmed + ">";
    }

    /** The ids of an In-Reply-To or References header, in order; bare ids are accepted too. */
    static List<String> parseList(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return ids;
        }
        Matcher m = BRACKETED.matcher(header);
        while (m.find()) {
            ids.add(m.group());
        }
        if (ids.isEmpty()) {
            for (String token : header.trim().split("\\s+")) {
                if (token.contains("@")) {
                    ids.add(bracketed(token));
                }
            }
        }
        return ids;
    }

    private static String stripBrackets(String id) {
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }
}
