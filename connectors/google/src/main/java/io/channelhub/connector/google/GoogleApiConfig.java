package io.channelhub.connector.google;

import io.channelhub.core.spi.ConnectorEnvironment;
import java.net.URI;
import java.time.Duration;

/**
 * Hub configuration of the RBM API ({@code hub.channels.google.*}): the global endpoint, the form of the
 * regional ones ({@code {region}} is replaced by a tenant's {@code region} setting), and how long a call
 * may take. Never tenant data. Google's regional roots are {@code europe-}, {@code us-} and
 * {@code asia-rcsbusinessmessaging.googleapis.com}.
 */
record GoogleApiConfig(String baseUrl, String regionalBaseUrl, Duration timeout) {

    static final String DEFAULT_BASE_URL = "https://rcsbusinessmessaging.googleapis.com";
    static final String DEFAULT_REGIONAL_BASE_URL = "https://{region}-rcsbusinessmessaging.googleapis.com";
    static final String REGION_PLACEHOLDER = "{region}";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    GoogleApiConfig {
        baseUrl = withoutTrailingSlash(baseUrl);
        regionalBaseUrl = withoutTrailingSlash(regionalBaseUrl);
        if (!regionalBaseUrl.contains(REGION_PLACEHOLDER)) {
            throw new IllegalArgumentException("hub.channels.google.regional-base-url must contain "
                    + REGION_PLACEHOLDER + ": " + regionalBaseUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hub.channels.google.timeout must be positive: " + timeout);
        }
    }

    static GoogleApiConfig from(ConnectorEnvironment environment) {
        return new GoogleApiConfig(
                environment.property("base-url", DEFAULT_BASE_URL).trim(),
                environment.property("regional-base-url", DEFAULT_REGIONAL_BASE_URL).trim(),
                environment.duration("timeout", DEFAULT_TIMEOUT));
    }

    /** {@code {root}/v1/{pathAndQuery}}, the root chosen by the tenant's region (checked by the caller). */
    URI uri(GoogleSettings settings, String pathAndQuery) {
        String root = settings.region() == null ? baseUrl
                : regionalBaseUrl.replace(REGION_PLACEHOLDER, settings.region());
        return URI.create(root + "/v1/" + pathAndQuery);
    }

    private static String withoutTrailingSlash(String url) {
        String out = url;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
