package io.channelhub.connector.whatsapp;

import io.channelhub.core.spi.ConnectorEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Hub configuration of the Meta Graph API ({@code hub.channels.whatsapp.*}): where it is, which API
 * version to call when the tenant does not pin one, and how long a call may take. Never tenant data.
 */
record GraphApiConfig(URI baseUrl, String apiVersion, Duration timeout) {

    static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    /** Current Graph version when this connector was written (released 2026-07-29). */
    static final String DEFAULT_API_VERSION = "v26.0";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern API_VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");

    GraphApiConfig {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        baseUrl = URI.create(base);
        if (!isApiVersion(apiVersion)) {
            throw new IllegalArgumentException("hub.channels.whatsapp.api-version must look like v26.0: " + apiVersion);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hub.channels.whatsapp.timeout must be positive: " + timeout);
        }
    }

    static GraphApiConfig from(ConnectorEnvironment environment) {
        return new GraphApiConfig(
                URI.create(environment.property("base-url", DEFAULT_BASE_URL).trim()),
                environment.property("api-version", DEFAULT_API_VERSION).trim(),
                environment.duration("timeout", DEFAULT_TIMEOUT));
    }

    static boolean isApiVersion(String value) {
        return value != null && API_VERSION.matcher(value).matches();
    }

    /** {@code {base}/{version}/{path}}; the path segments are ids checked by the caller. */
    URI uri(String version, String pathAndQuery) {
        return URI.create(baseUrl + "/" + version + "/" + pathAndQuery);
    }
}
