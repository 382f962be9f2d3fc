package io.channelhub.connector.sms;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Twilio's API is reached: the real {@code https://api.twilio.com} (no base URL configured), or
 * the configured {@code hub.channels.sms.base-url} that every request is rewritten to (tests point it
 * at WireMock). The twilio-java SDK has no base-URL option and builds {@code https://api.twilio.com/…}
 * itself, so the rewrite happens on the finished URL, keeping path and query.
 */
final class SmsApiEndpoint {
    private final URI base;

    private SmsApiEndpoint(URI base) {
        this.base = base;
    }

    static SmsApiEndpoint twilio() {
        return new SmsApiEndpoint(null);
    }

    /**
     * A blank value means the real Twilio. Use {@code http://localhost:PORT} rather than an IP address
     * in configuration: should a URL ever be passed back into the SDK, it reads dotted host names as
     * Twilio regions.
     */
    static SmsApiEndpoint of(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return twilio();
        }
        URI uri = URI.create(baseUrl.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("hub.channels.sms.base-url must be an http(s) URL: " + baseUrl);
        }
        return new SmsApiEndpoint(uri);
    }

    boolean isRewriting() {
        return base != null;
    }

    /** The URI to call for a URI the SDK or a Twilio payload names. */
    URI resolve(URI twilioUri) {
        if (base == null) {
            return twilioUri;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String path = twilioUri.getRawPath() == null ? "" : twilioUri.getRawPath();
        String query = twilioUri.getRawQuery() == null ? "" : "?" + twilioUri.getRawQuery();
        String port = base.getPort() == -1 ? "" : ":" + base.getPort();
        return URI.create(base.getScheme() + "://" + base.getHost() + port + basePath + path + query);
    }

    /**
     * True for a URI that may receive the tenant's credentials: a Twilio API host over https, or the
     * configured fake.
     */
    boolean isTwilioApi(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean twilioHost = "https".equalsIgnoreCase(uri.getScheme())
                && (host.equals("twilio.com") || host.endsWith(".twilio.com"));
        return twilioHost || base != null && sameOrigin(base, uri);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return base == null ? "https://api.twilio.com" : Objects.toString(base);
    }
}
