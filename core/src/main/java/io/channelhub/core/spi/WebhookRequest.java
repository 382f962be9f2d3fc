package io.channelhub.core.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request from a provider as the hub received it: the raw body bytes (signatures are computed
 * over these, never over re-serialized JSON), the headers, the query and the URL the provider called
 * (the public base URL when the hub runs behind a proxy).
 */
public record WebhookRequest(
        String method, String url, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        TreeMap<String, String> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            folded.putAll(headers);
        }
        headers = java.util.Collections.unmodifiableMap(folded);
        body = body == null ? new byte[0] : body;
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    public boolean isGet() {
        return "GET".equals(method.toUpperCase(Locale.ROOT));
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }
}
