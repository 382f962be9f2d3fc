package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.channelhub.core.model.HubJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's service-account JSON key (the {@code serviceAccountKey} secret), read with Google's own
 * library. Problems are described by field name only: the key, its private key and the library's messages
 * (which can quote the JSON) never leave this class.
 */
final class GoogleServiceAccountKey {

    static final String SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging";

    private GoogleServiceAccountKey() {
    }

    /** What keeps {@code key} from being a usable service-account key, one line each; empty when usable. */
    static List<String> problems(String key, String expectedEmail) {
        String field = "'" + GoogleSettings.SERVICE_ACCOUNT_KEY + "'";
        JsonNode json;
        try {
            json = HubJson.mapper().readTree(key);
        } catch (IOException e) {
            return List.of(field + " is not JSON; paste the whole key file Google gave for the service account");
        }
        if (json == null || !json.isObject() || !"service_account".equals(json.path("type").asText(null))) {
            return List.of(field + " is not a service-account key (its \"type\" must be \"service_account\")");
        }
        List<String> problems = new ArrayList<>();
        // the fields Google's library requires of a service-account key; Google's key files have them all
        for (String required : List.of("private_key", "client_email", "client_id", "private_key_id")) {
            if (json.path(required).asText("").isBlank()) {
                problems.add(field + " has no \"" + required + "\"");
            }
        }
        String email = json.path("client_email").asText("");
        if (!email.isBlank() && expectedEmail != null && !email.equalsIgnoreCase(expectedEmail)) {
            problems.add(field + " belongs to another service account than '" + GoogleSettings.SERVICE_ACCOUNT_EMAIL
                    + "'; save the key of that account, or correct the setting");
        }
        String tokenUri = json.path("token_uri").asText("");
        if (!tokenUri.isBlank() && !isHttpUrl(tokenUri)) {
            problems.add(field + " has a \"token_uri\" that is not an http(s) URL");
        }
        if (problems.isEmpty()) {
            try {
                credentials(key, null);
            } catch (IOException | RuntimeException e) {
                problems.add(field + " has a \"private_key\" that is not a PKCS#8 PEM private key");
            }
        }
        return problems;
    }

    /**
     * Scoped credentials that fetch tokens from the key's {@code token_uri}. The library's own retries are
     * off: a failed refresh is classified and left to the hub's retry policy like any provider failure.
     */
    static GoogleCredentials credentials(String key, HttpTransportFactory transport) throws IOException {
        ServiceAccountCredentials parsed = transport == null
                ? ServiceAccountCredentials.fromStream(stream(key))
                : ServiceAccountCredentials.fromStream(stream(key), transport);
        return parsed.createWithCustomRetryStrategy(false).createScoped(List.of(SCOPE));
    }

    /** A digest of the key, so that a replaced key is never served from a cache entry of the old one. */
    static String fingerprint(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static ByteArrayInputStream stream(String key) {
        return new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
