package io.channelhub.connector.sms;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Downloads inbound MMS media from {@code MediaUrlN} with HTTP Basic auth (the tenant's REST
 * credentials; required when the account has "HTTP basic auth for media" on, harmless otherwise).
 *
 * <p>Twilio answers a media URL with a redirect to a pre-signed storage URL that refuses a second
 * authentication scheme, so redirects are followed here rather than by the HTTP client: credentials go
 * only to Twilio's own API origin (or the configured fake), never to the redirect target.
 */
final class SmsMediaFetcher implements MediaFetcher {
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final SmsApiEndpoint endpoint;
    private final Duration timeout;

    SmsMediaFetcher(HttpClient http, SmsApiEndpoint endpoint, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        SmsCredentials credentials;
        try {
            credentials = SmsCredentials.of(connector);
        } catch (IllegalStateException e) {
            throw PermanentChannelException.credentials(null, e.getMessage());
        }
        URI original = parse(source.providerRef());
        if (!endpoint.isTwilioApi(original)) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "media URL is not on Twilio's API host; refusing to send credentials to " + original.getHost());
        }
        URI target = endpoint.resolve(original);
        URI authOrigin = target;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = get(target,
                    SmsApiEndpoint.sameOrigin(authOrigin, target) ? credentials.basicAuthorization() : null);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                String mimeType = response.headers().firstValue("Content-Type").orElse(source.mimeType());
                long size = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
                return new FetchedMedia(response.body(), mimeType, size);
            }
            close(response);
            String location = response.headers().firstValue("Location").orElse(null);
            if (status >= 300 && status < 400 && location != null) {
                target = target.resolve(location);
                continue;
            }
            throw failure(status, response);
        }
        throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                "media download redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> get(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw TransientChannelException.unavailable("Twilio media did not answer within "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw TransientChannelException.unavailable("Twilio media could not be reached: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("interrupted while fetching Twilio media", e);
        }
    }

    private static ChannelException failure(int status, HttpResponse<InputStream> response) {
        if (status == 404 || status == 410) {
            return new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "Twilio media is gone (HTTP " + status + ")");
        }
        return SmsErrorClassifier.classify(status, null, "media download failed",
                SmsErrorClassifier.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                "Twilio refused the media download");
    }

    private static URI parse(String ref) {
        try {
            URI uri = URI.create(ref == null ? "" : ref.trim());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, "media reference is not a URL");
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try (InputStream ignored = response.body()) {
            // drained by closing
        } catch (IOException ignored) {
            // nothing to do: the connection is discarded
        }
    }
}
