package io.channelhub.connector.meta;

import io.channelhub.core.spi.ConnectorEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Hub configuration of one Meta channel's Graph API ({@code hub.channels.<channel>.*}): where it is, which API
 * version to call when the tenant does not pin one, and how long a call may take. Never tenant data.
 *
 * @param channel the channel id, to name the configuration keys in errors
 */
public record GraphApiConfig(String channel, URI baseUrl, String apiVersion, Duration timeout) {

    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    /** Current Graph version when the Meta connectors were written (released 2026-07-29). */
    public static final String DEFAULT_API_VERSION = "v26.0";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern API_VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");

    public GraphApiConfig {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        baseUrl = URI.create(base);
        if (!isApiVersion(apiVersion)) {
            throw new IllegalArgumentException(key(channel, "api-version") + " must look like v26.0: " + apiVersion);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(key(channel, "timeout") + " must be positive: " + timeout);
        }
    }

    /** {@code base-url}, {@code api-version} and {@code timeout} of the channel's configuration. */
    public static GraphApiConfig from(String channel, ConnectorEnvironment environment) {
        return new GraphApiConfig(channel,
                URI.create(environment.property("base-url", DEFAULT_BASE_URL).trim()),
                environment.property("api-version", DEFAULT_API_VERSION).trim(),
                environment.duration("timeout", DEFAULT_TIMEOUT));
    }

    public static boolean isApiVersion(String value) {
        return value != null && API_VERSION.matcher(value).matches();
    }

    /** {@code {base}/{version}/{path}}; the path segments are ids checked by the caller. */
    public URI uri(String version, String pathAndQuery) {
        return URI.create(baseUrl + "/" + version + "/" + pathAndQuery);
    }

    private static String key(String channel, String name) {
        return "hub.channels." + channel + "." + name;
    }
}
