package io.channelhub.connector.email;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * RFC 2397 {@code data:} URIs: how inbound attachments travel from the normalizer to the media fetcher
 * (the fetcher never sees the raw email), and one way outbound media may be given.
 */
final class EmailDataUri {
    static final String SCHEME = "data:";

    private EmailDataUri() {
    }

    /** The decoded content and its MIME type (null when the URI names none). */
    record Decoded(String mimeType, byte[] bytes) {
    }

    static String encode(String mimeType, byte[] bytes) {
        return SCHEME + (mimeType == null ? "" : mimeType) + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static boolean isDataUri(String uri) {
        return uri != null && uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Decodes a data: URI; throws IllegalArgumentException when it is not one. */
    static Decoded decode(String uri) {
        if (!isDataUri(uri)) {
            throw new IllegalArgumentException("not a data: URI");
        }
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("data: URI without data");
        }
        String meta = uri.substring(SCHEME.length(), comma);
        String data = uri.substring(comma + 1);
        boolean base64 = meta.toLowerCase(Locale.ROOT).endsWith(";base64");
        String mime = base64 ? meta.substring(0, meta.length() - ";base64".length()) : meta;
        byte[] bytes = base64 ? Base64.getMimeDecoder().decode(data)
                : URLDecoder.decode(data.replace("+", "%2B"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        int semicolon = mime.indexOf(';');
        String type = semicolon >= 0 && !mime.substring(semicolon).toLowerCase(Locale.ROOT).contains("charset")
                ? mime.substring(0, semicolon) : mime;
        return new Decoded(type.isBlank() ? null : type, bytes);
    }
}
