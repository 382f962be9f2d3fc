package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * Loads the bytes of outbound media so the sender can attach them: {@code https}/{@code http} URLs are
 * downloaded with the hub timeout, {@code data:} URIs are decoded in place. One attempt, no retries;
 * download failures are transient (the hub retries the whole send), a URL the sender cannot use at all is
 * permanent.
 */
final class EmailAttachmentLoader {
    private final HttpClient http;
    private final EmailHubConfig hub;

    EmailAttachmentLoader(EmailHubConfig hub) {
        this.hub = hub;
        this.http = HttpClient.newBuilder().connectTimeout(hub.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Bytes and the MIME type the source announced (null when it said nothing). */
    record Loaded(byte[] bytes, String mimeType) {
    }

    Loaded load(String url) {
        String trimmed = url == null ? "" : url.trim();
        if (EmailDataUri.isDataUri(trimmed)) {
            return decodeData(trimmed);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw unusable("media url is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw unusable("media url scheme '" + scheme + "' cannot be attached");
        }
        return download(uri);
    }

    private Loaded download(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(hub.timeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw TransientChannelException.unavailable("media download failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("media download interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw TransientChannelException.unavailable("media download answered HTTP " + response.statusCode(),
                        null);
            }
            byte[] bytes = body.readNBytes(Math.toIntExact(Math.min(hub.maxAttachmentBytes() + 1, Integer.MAX_VALUE)));
            checkSize(bytes.length);
            return new Loaded(bytes, response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw TransientChannelException.unavailable("media download failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Loaded decodeData(String uri) {
        EmailDataUri.Decoded decoded;
        try {
            decoded = EmailDataUri.decode(uri);
        } catch (IllegalArgumentException e) {
            throw unusable("data: URI is not valid");
        }
        checkSize(decoded.bytes().length);
        return new Loaded(decoded.bytes(), decoded.mimeType());
    }

    private void checkSize(long size) {
        if (size > hub.maxAttachmentBytes()) {
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null,
                    "attachment larger than " + hub.maxAttachmentBytes() + " bytes");
        }
    }

    private static PermanentChannelException unusable(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }
}
