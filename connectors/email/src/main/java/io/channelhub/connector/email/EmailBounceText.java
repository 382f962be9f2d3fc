package io.channelhub.connector.email;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the human-readable notice of a bounce the way mail systems word it, for the many that send no
 * RFC 3464 report: Postfix ("This is the mail system at host …"), Exim ("This message was created
 * automatically by mail delivery software"), qmail ("Hi. This is the qmail-send program"), sendmail,
 * Exchange/Outlook ("Delivery has failed to these recipients or groups"), Gmail. Only the notice is read,
 * not the copy of the returned message below it, whose own text may say anything.
 */
final class EmailBounceText {
    private static final List<String> FAILURE = List.of("could not be delivered", "couldn't be delivered",
            "wasn't able to deliver", "was not able to deliver", "delivery has failed", "undeliverable",
            "undelivered mail", "delivery to the following recipient", "permanent fatal error", "mail delivery failed",
            "returned mail", "failure notice", "delivery status notification (failure)", "delivery failure",
            "permanent error", "failed permanently", "message not delivered", "unzustellbar", "nicht zugestellt",
            "onbestelbaar", "niet bezorgd", "non remis", "non distribuable");
    /** Delay warnings say the mail system still tries; they often also say "could not be delivered" (yet). */
    private static final List<String> DELAY = List.of("warning only", "will be retried", "still being retried",
            "will continue to try", "will retry", "delivery delayed", "delayed mail", "message delayed",
            "delivery status notification (delay)", "not yet been delivered");
    /** Where the notice ends and the copy of the returned message (or its headers) begins. */
    private static final Pattern RETURNED_COPY = Pattern.compile("(?im)^[\\s>-]*(?:-+\\s*)?(?:this is a copy of the "
            + "message|below this line is a copy of the message|original message|undelivered message headers"
            + "|returned message|message headers follow)");
    /** RFC 3463 enhanced status code; not part of an IP address or version number. */
    private static final Pattern ENHANCED_CODE = Pattern.compile("(?<![\\d.])([45]\\.\\d{1,3}\\.\\d{1,3})(?!\\.?\\d)");
    /** RFC 5321 reply code as servers quote it: "550 …" or "550-…". */
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.:])([45][0-5]\\d)(?=[ -][^\\d])");

    private EmailBounceText() {
    }

    /**
     * What the notice says: whether it is worded as a failure, or as a delay warning (which often says
     * "could not be delivered" too, for now), the status code and the line that gives it.
     */
    record Notice(boolean saysFailed, boolean saysDelayed, String statusCode, String diagnostic) {
    }

    /** Reads {@code text}; a {@code subject} (null to ignore it) counts as part of the notice. */
    static Notice read(String subject, String text) {
        String notice = notice(text);
        String words = ((subject == null ? "" : subject) + "\n" + notice).toLowerCase(Locale.ROOT);
        Optional<MatchResult> code = firstPermanent(ENHANCED_CODE, notice).or(() -> firstPermanent(REPLY_CODE, notice));
        return new Notice(FAILURE.stream().anyMatch(words::contains), DELAY.stream().anyMatch(words::contains),
                code.map(m -> m.group(1)).orElse(null), code.map(m -> lineWithContinuation(notice, m.start())).orElse(null));
    }

    private static String notice(String text) {
        if (text == null) {
            return "";
        }
        Matcher copy = RETURNED_COPY.matcher(text);
        return copy.find() ? text.substring(0, copy.start()) : text;
    }

    /** The first 5xx code, else the first 4xx: a temporary error on the way is not why the mail failed. */
    private static Optional<MatchResult> firstPermanent(Pattern pattern, String notice) {
        List<MatchResult> all = pattern.matcher(notice).results().toList();
        return all.stream().filter(r -> r.group(1).startsWith("5")).findFirst().or(() -> all.stream().findFirst());
    }

    /** The line at {@code offset} with the lines indented under it (Postfix and Exim wrap long replies). */
    private static String lineWithContinuation(String text, int offset) {
        int start = text.lastIndexOf('\n', offset) + 1;
        String[] lines = text.substring(start).split("\r?\n");
        int indent = indent(lines[0]);
        StringBuilder joined = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length && !lines[i].isBlank() && indent(lines[i]) > indent; i++) {
            joined.append(' ').append(lines[i].strip());
        }
        String line = joined.toString().replaceAll("\\s+", " ");
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
