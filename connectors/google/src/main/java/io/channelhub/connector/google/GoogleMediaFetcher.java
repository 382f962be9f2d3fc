package io.channelhub.connector.google;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * Downloads a file a user sent ({@code userFile.payload.fileUri}). Google serves these from its storage
 * without credentials; should it ask for them (401/403), the request is repeated once with the tenant's
 * RBM token, and only to Google's own hosts (or the configured API host), never to any other.
 */
final class GoogleMediaFetcher implements MediaFetcher {

    private final GoogleApiClient api;
    private final GoogleAccessTokens tokens;
    private final String apiHost;

    GoogleMediaFetcher(GoogleApiClient api, GoogleAccessTokens tokens) {
        this.api = api;
        this.tokens = tokens;
        this.apiHost = URI.create(api.config().baseUrl()).getHost();
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        URI uri = fileUri(source);
        HttpResponse<InputStream> response = api.download(uri, null);
        GoogleBearer bearer = null;
        if ((response.statusCode() == 401 || response.statusCode() == 403) && isGoogleHost(uri)) {
            close(response);
            bearer = tokens.bearer(connector);
            response = api.download(uri, bearer);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            String mimeType = response.headers().firstValue("Content-Type").orElse(source.mimeType());
            long size = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            return new FetchedMedia(response.body(), mimeType, size);
        }
        if (status == 404 || status == 410) {
            close(response);
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, String.valueOf(status),
                    "the user's RBM file is gone (HTTP " + status + ")");
        }
        throw GoogleApiClient.downloadFailure(response, bearer);
    }

    private boolean isGoogleHost(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".googleapis.com") || host.endsWith(".googleusercontent.com") || host.equals(apiHost);
    }

    private static URI fileUri(MediaSource source) {
        try {
            URI uri = URI.create(source == null || source.providerRef() == null ? "" : source.providerRef().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, "not an RBM file URI");
    }

    private static void close(HttpResponse<InputStream> response) {
        try (InputStream ignored = response.body()) {
            // drained by closing
        } catch (IOException ignored) {
            // the connection is discarded
        }
    }
}
