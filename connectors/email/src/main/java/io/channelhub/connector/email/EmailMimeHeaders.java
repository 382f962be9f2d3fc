package io.channelhub.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the structured MIME headers of a part (Content-Type, Content-Disposition, Content-Transfer-Encoding)
 * as real mailers write them. Jakarta Mail's {@link ContentType} and {@link ContentDisposition} parse them
 * (RFC 2231 parameters included); where they refuse a header because a parameter value is not quoted
 * though it has to be ({@code boundary=----=_NextPart_…}, {@code filename=Übersicht März.pdf}), each
 * value is quoted and the header parsed again. Jakarta Mail's own {@code mail.mime.parameters.strict=false}
 * does the same, but only as a JVM-wide System property read once when the class loads.
 */
final class EmailMimeHeaders {
    /** RFC 2045 §5.2: no Content-Type, or one that cannot be read, means plain US-ASCII text. */
    private static final String DEFAULT_TYPE = "text/plain; charset=us-ascii";
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9!#$&+.^_`{|}~*-]+");

    private EmailMimeHeaders() {
    }

    static ContentType contentType(Part part) throws MessagingException {
        String header = first(part, "Content-Type");
        if (header == null) {
            return parseType(DEFAULT_TYPE);
        }
        for (String candidate : List.of(header, quoteParameters(header), primaryValue(header))) {
            try {
                ContentType type = new ContentType(candidate);
                if (type.getPrimaryType() != null && type.getSubType() != null) {
                    return type;
                }
            } catch (ParseException e) {
                // try the next, more forgiving reading
            }
        }
        return parseType(DEFAULT_TYPE);
    }

    /** The Content-Disposition, or null when the part has none that can be read. */
    static ContentDisposition disposition(Part part) throws MessagingException {
        String header = first(part, "Content-Disposition");
        if (header == null) {
            return null;
        }
        for (String candidate : List.of(header, quoteParameters(header), primaryValue(header))) {
            try {
                return new ContentDisposition(candidate);
            } catch (ParseException e) {
                // try the next, more forgiving reading
            }
        }
        return null;
    }

    /** The transfer encoding as written, lower case, without comments; null for none. */
    static String transferEncoding(Part part) throws MessagingException {
        String header = first(part, "Content-Transfer-Encoding");
        if (header == null) {
            return null;
        }
        String value = header.replaceAll("\\([^)]*\\)", "").strip().toLowerCase(Locale.ROOT);
        return value.isEmpty() ? null : value;
    }

    /**
     * The file name a part gives (Content-Disposition {@code filename}, else Content-Type {@code name}), RFC 2231
     * decoded by Jakarta Mail's parameter list and RFC 2047 decoded here: Jakarta Mail decodes encoded words in
     * file names only with the JVM-wide System property {@code mail.mime.decodefilename}. A Windows or Unix
     * path some mailers send along is cut off. Null when the part names no file.
     */
    static String filename(ContentDisposition disposition, ContentType type) {
        String name = disposition == null ? null : disposition.getParameter("filename");
        if (name == null || name.isBlank()) {
            name = type.getParameter("name");
        }
        if (name == null) {
            return null;
        }
        String decoded = EmailEncodedWords.decode(name).strip();
        String file = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1).strip();
        return file.isEmpty() ? null : file;
    }

    private static String first(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        if (values == null || values.length == 0 || values[0] == null || values[0].isBlank()) {
            return null;
        }
        return values[0].replaceAll("\\r?\\n(?=[ \\t])", "").strip();
    }

    /** The header with every parameter value quoted; parameters without a usable name are left out. */
    private static String quoteParameters(String header) {
        List<String> pieces = splitOutsideQuotes(header);
        StringBuilder repaired = new StringBuilder(pieces.get(0).strip());
        for (String piece : pieces.subList(1, pieces.size())) {
            int eq = piece.indexOf('=');
            if (eq < 0 || !PARAMETER_NAME.matcher(piece.substring(0, eq).strip()).matches()) {
                continue;
            }
            String value = piece.substring(eq + 1).strip();
            if (value.startsWith("\"")) {
                value = value.substring(1, value.length() > 1 && value.endsWith("\"") ? value.length() - 1 : value.length())
                        .replace("\\\"", "\"").replace("\\\\", "\\");
            }
            repaired.append("; ").append(piece.substring(0, eq).strip()).append("=\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return repaired.toString();
    }

    private static String primaryValue(String header) {
        return splitOutsideQuotes(header).get(0).strip();
    }

    private static List<String> splitOutsideQuotes(String header) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '\\' && quoted && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                pieces.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pieces.add(current.toString());
        return pieces;
    }

    private static ContentType parseType(String type) {
        try {
            return new ContentType(type);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
