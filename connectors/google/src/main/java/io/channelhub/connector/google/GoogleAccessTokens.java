package io.channelhub.connector.google;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * OAuth2 access tokens for the RBM scope, from each tenant's service-account key, with Google's library.
 * One {@link GoogleCredentials} per tenant and key: the library caches the token and fetches a new one
 * shortly before it expires. A tenant's entry holds the fingerprint of its key, so a replaced key is a new
 * entry (and the old one is dropped). Failures are classified by type; the library's messages, which
 * can quote the token endpoint's answer, are never passed on.
 */
final class GoogleAccessTokens {

    private final HttpTransportFactory transport;
    private final ConcurrentMap<String, TenantCredentials> byTenant = new ConcurrentHashMap<>();

    GoogleAccessTokens(HttpTransportFactory transport) {
        this.transport = transport;
    }

    private record TenantCredentials(String keyFingerprint, GoogleCredentials credentials) {
    }

    /** A valid token for the tenant's service account; fetched or refreshed only when needed. */
    GoogleBearer bearer(TenantConnector connector) {
        GoogleCredentials credentials = credentialsOf(connector);
        Map<String, List<String>> metadata;
        try {
            metadata = credentials.getRequestMetadata();
        } catch (IOException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            throw PermanentChannelException.credentials(null, "Google's auth library could not use the "
                    + GoogleSettings.SERVICE_ACCOUNT_KEY + " (" + e.getClass().getSimpleName() + ")");
        }
        List<String> authorization = metadata.get("Authorization");
        if (authorization == null || authorization.isEmpty() || !authorization.get(0).startsWith("Bearer ")) {
            throw TransientChannelException.unavailable("Google's token endpoint returned no access token", null);
        }
        return new GoogleBearer(authorization.get(0).substring("Bearer ".length()));
    }

    private GoogleCredentials credentialsOf(TenantConnector connector) {
        String key = connector.secrets().get(GoogleSettings.SERVICE_ACCOUNT_KEY).orElseThrow(() ->
                PermanentChannelException.credentials(null, "the google connector has no "
                        + GoogleSettings.SERVICE_ACCOUNT_KEY + " secret"));
        String fingerprint = GoogleServiceAccountKey.fingerprint(key);
        TenantCredentials cached = byTenant.get(connector.tenantId());
        if (cached != null && cached.keyFingerprint().equals(fingerprint)) {
            return cached.credentials();
        }
        TenantCredentials fresh = new TenantCredentials(fingerprint, parse(key));
        byTenant.put(connector.tenantId(), fresh);
        return fresh.credentials();
    }

    private GoogleCredentials parse(String key) {
        try {
            return GoogleServiceAccountKey.credentials(key, transport);
        } catch (IOException | RuntimeException e) {
            throw PermanentChannelException.credentials(null, "the " + GoogleSettings.SERVICE_ACCOUNT_KEY
                    + " secret is not a usable service-account JSON key; save the key file Google issued");
        }
    }

    /**
     * A refusal by the token endpoint (HTTP 4xx: a deleted key, a disabled account) is a credentials
     * failure; its 5xx or 429, a network failure or a timeout are transient.
     */
    static ChannelException classify(IOException e) {
        HttpResponseException answer = causeOfType(e, HttpResponseException.class);
        if (answer != null) {
            int status = answer.getStatusCode();
            if (status >= 500 || status == 429 || status == 408) {
                return TransientChannelException.unavailable("Google's token endpoint answered HTTP " + status,
                        null);
            }
            return PermanentChannelException.credentials(String.valueOf(status), "Google's token endpoint refused"
                    + " the service-account key (HTTP " + status + "): the key may be deleted or the account"
                    + " disabled; create a new key for the service account and save it as "
                    + GoogleSettings.SERVICE_ACCOUNT_KEY);
        }
        return TransientChannelException.unavailable("Google's token endpoint could not be reached ("
                + rootCause(e).getClass().getSimpleName() + ")", null);
    }

    private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
