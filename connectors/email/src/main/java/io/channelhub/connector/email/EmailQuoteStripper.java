package io.channelhub.connector.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Separates the new text of a reply from the message it quotes. Mail clients mark the quote in a few
 * well-known ways: an attribution line ("On … wrote:", Dutch "Op … schreef …:", German "Am … schrieb
 * …:"), Outlook's "-----Original Message-----" or its "From:/Sent:" block, and "&gt;"-prefixed lines.
 * Everything from the first marker on is dropped, as are remaining "&gt;" lines.
 */
final class EmailQuoteStripper {
    private static final List<Pattern> ATTRIBUTIONS = List.of(
            Pattern.compile("^On\\s.+\\swrote:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^Op\\s.+\\sschreef\\s.*:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^Am\\s.+\\sschrieb\\s.*:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*(Original Message|Oorspronkelijk bericht|Ursprüngliche Nachricht"
                    + "|Oprindelig meddelelse|Message d'origine)\\s*-{2,}$", Pattern.CASE_INSENSITIVE),
            // Outlook (web) puts a rule of underscores above its From:/Sent: header block.
            Pattern.compile("^_{20,}$"));
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\*?(From|Van|Von|De):\\*?\\s.+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_SENT = Pattern.compile("^\\*?(Sent|Date|Verzonden|Gesendet|Envoyé):\\*?\\s.+",
            Pattern.CASE_INSENSITIVE);

    /** The new text, and whether anything was stripped. */
    record Result(String text, boolean stripped) {
    }

    private EmailQuoteStripper() {
    }

    static Result strip(String text) {
        if (text == null || text.isEmpty()) {
            return new Result(text == null ? "" : text, false);
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int cut = quoteStart(lines);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < cut; i++) {
            if (!lines[i].startsWith(">")) {
                kept.add(lines[i]);
            }
        }
        String result = String.join("\n", kept).strip();
        boolean stripped = cut < lines.length || kept.size() < cut;
        if (result.isEmpty()) {
            // All of it looked quoted (a forward, say): better the whole text than none.
            return new Result(text.strip(), false);
        }
        return new Result(result, stripped);
    }

    private static int quoteStart(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (isAttribution(line)) {
                return i;
            }
            // Gmail wraps a long attribution line: "On …, Jan <jan@\nexample.nl> wrote:".
            if (i + 1 < lines.length && !isAttribution(lines[i + 1].strip())
                    && isAttribution(line + " " + lines[i + 1].strip())) {
                return i;
            }
            if (OUTLOOK_FROM.matcher(line).matches() && outlookSentFollows(lines, i)) {
                return i;
            }
        }
        return lines.length;
    }

    private static boolean isAttribution(String line) {
        for (Pattern p : ATTRIBUTIONS) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean outlookSentFollows(String[] lines, int from) {
        for (int j = from + 1; j < Math.min(lines.length, from + 4); j++) {
            if (OUTLOOK_SENT.matcher(lines[j].strip()).matches()) {
                return true;
            }
        }
        return false;
    }
}
