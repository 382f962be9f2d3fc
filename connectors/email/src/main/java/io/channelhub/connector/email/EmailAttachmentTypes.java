package io.channelhub.connector.email;

import io.channelhub.core.model.MediaKind;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The type under which an inbound attachment is stored: the declared one, or, where the sender declared only
 * a generic one ({@code application/octet-stream} and the like), one guessed from the file name. Guessing
 * uses the JDK's own table ({@link URLConnection#guessContentTypeFromName}, the same on every host, unlike
 * {@code Files.probeContentType}, which asks the operating system) plus the few mail types it lacks.
 * A guessed type is always a {@code document}: a name alone must not make a file pass for a photo.
 */
final class EmailAttachmentTypes {
    private static final Set<String> GENERIC = Set.of("application/octet-stream", "application/unknown",
            "application/x-unknown", "application/binary", "binary/octet-stream", "application/force-download",
            "application/x-download");
    private static final Map<String, String> MAIL_TYPES = Map.of("eml", "message/rfc822", "ics", "text/calendar",
            "vcf", "text/vcard", "heic", "image/heic", "tgz", "application/gzip", "msg", "application/vnd.ms-outlook");
    /** Files that run when opened: flagged for the platform, never dropped. */
    private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of("exe", "com", "bat", "cmd", "scr", "pif", "msi",
            "dll", "cpl", "jar", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta", "ps1", "lnk", "reg", "sh", "app");
    private static final Set<String> EXECUTABLE_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-dosexec", "application/x-executable", "application/x-sh", "application/x-bat",
            "application/java-archive", "application/x-ms-installer", "application/hta", "text/javascript",
            "application/javascript", "text/vbscript");

    private EmailAttachmentTypes() {
    }

    /** How an attachment is stored: its MIME type and media kind. */
    record Typed(String mimeType, MediaKind kind) {
    }

    static Typed of(String declared, String filename) {
        if (!GENERIC.contains(declared)) {
            return new Typed(declared, MediaKind.ofMimeType(declared));
        }
        String guessed = guess(filename);
        return new Typed(guessed == null ? declared : guessed, MediaKind.DOCUMENT);
    }

    static boolean isExecutable(String mimeType, String filename) {
        return EXECUTABLE_TYPES.contains(mimeType) || EXECUTABLE_EXTENSIONS.contains(extension(filename));
    }

    private static String guess(String filename) {
        if (filename == null) {
            return null;
        }
        String fromMail = MAIL_TYPES.get(extension(filename));
        if (fromMail != null) {
            return fromMail;
        }
        String fromJdk = URLConnection.guessContentTypeFromName(filename.toLowerCase(Locale.ROOT));
        return fromJdk == null || GENERIC.contains(fromJdk) ? null : fromJdk;
    }

    private static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }
}
