package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The Graph API calls of one Meta channel, one HTTP exchange each, with the tenant's token per call. Failures
 * leave as classified {@link io.channelhub.core.error.ChannelException}s by the channel's
 * {@link GraphErrorTable}; nothing is retried here (the hub's routes own the retry policy).
 */
public final class GraphHttpClient {

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient http;
    private final GraphApiConfig config;
    private final Clock clock;
    private final String api;
    private final GraphErrorTable errors;

    /**
     * @param api    names the API in error messages ("Messenger Graph API")
     * @param errors the channel's error table
     */
    public GraphHttpClient(HttpClient http, GraphApiConfig config, Clock clock, String api, GraphErrorTable errors) {
        this.http = http;
        this.config = config;
        this.clock = clock;
        this.api = api;
        this.errors = errors;
    }

    /**
     * The HTTP client all tenants of a channel share: connection pooling is shared, credentials never are (they
     * go per request). Redirects are not followed, so no token is sent to a host the call did not name.
     */
    public static HttpClient sharedHttpClient(GraphApiConfig config) {
        return HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public GraphApiConfig config() {
        return config;
    }

    public GraphErrorTable errors() {
        return errors;
    }

    /** {@code POST /{version}/{path}} with a JSON body; returns the parsed answer. */
    public JsonNode post(GraphAccessToken token, String version, String path, ObjectNode body, String what) {
        byte[] json;
        try {
            json = HubJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new PermanentChannelException(ReasonCodes.INTERNAL_ERROR, null, what + " body not serializable");
        }
        HttpRequest request = request(config.uri(version, path), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return readJson(exchange(request, token), what);
    }

    /** {@code GET /{version}/{pathAndQuery}}; returns the parsed answer. */
    public JsonNode get(GraphAccessToken token, String version, String pathAndQuery, String what) {
        return readJson(exchange(request(config.uri(version, pathAndQuery), token).GET().build(), token), what);
    }

    /**
     * {@code GET /{version}/debug_token?input_token=…} with the token itself: what it may do ({@code data.scopes}),
     * for the credential check. The token is in the query as Meta requires; no error built here quotes the URL.
     * https://developers.facebook.com/docs/graph-api/reference/debug_token
     */
    public JsonNode debugToken(GraphAccessToken token, String version) {
        String query = "debug_token?input_token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
        return get(token, version, query, "token inspection");
    }

    /**
     * Opens media at {@code url}: with the bearer token where Meta requires it (WhatsApp's media urls), without
     * ({@code token} null) for signed CDN urls, which must not receive a token they do not need.
     */
    public HttpResponse<InputStream> download(String url, GraphAccessToken token) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, api + " media url is invalid");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    api + " media url is not http(s)");
        }
        HttpRequest.Builder builder = token == null
                ? HttpRequest.newBuilder(uri).timeout(config.timeout())
                : request(uri, token);
        HttpRequest request = builder.GET().build();
        HttpResponse<InputStream> response = send(() -> http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw errors.exception(api, response.statusCode(), GraphError.parse(body),
                    GraphThrottleHints.of(response.headers(), clock), token);
        }
        return response;
    }

    private HttpRequest.Builder request(URI uri, GraphAccessToken token) {
        return HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Authorization", token.bearer())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> exchange(HttpRequest request, GraphAccessToken token) {
        HttpResponse<String> response = send(() -> http.send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        if (response.statusCode() / 100 != 2) {
            throw errors.exception(api, response.statusCode(), GraphError.parse(response.body()),
                    GraphThrottleHints.of(response.headers(), clock), token);
        }
        return response;
    }

    /**
     * Network failures and timeouts are transient; their messages never carry the request's headers. A
     * request the HTTP client refuses is permanent: its message may quote a header value, the token, so
     * neither the message nor the exception goes any further.
     */
    private <T> HttpResponse<T> send(Exchange<T> exchange) {
        try {
            return exchange.send();
        } catch (IllegalArgumentException e) {
            throw PermanentChannelException.credentials(null,
                    "the HTTP client refused the " + api + " request (IllegalArgumentException); check the access"
                            + " token");
        } catch (HttpTimeoutException e) {
            throw TransientChannelException.unavailable(
                    api + " did not answer within " + config.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw TransientChannelException.unavailable(api + " unreachable (" + e.getClass().getSimpleName() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable(api + " call interrupted", e);
        }
    }

    private JsonNode readJson(HttpResponse<String> response, String what) {
        try {
            JsonNode node = HubJson.mapper().readTree(response.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through: an unreadable 2xx is treated like a Meta-side failure
        }
        throw TransientChannelException.unavailable(api + " " + what + " answer is not a JSON object", null);
    }

    @FunctionalInterface
    private interface Exchange<T> {
        HttpResponse<T> send() throws IOException, InterruptedException;
    }
}
