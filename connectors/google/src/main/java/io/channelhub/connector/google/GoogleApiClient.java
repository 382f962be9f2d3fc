package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.google.model.RbmError;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few RBM API calls the connector makes, one HTTP exchange each, with the tenant's token per call.
 * Failures leave as classified {@link io.channelhub.core.error.ChannelException}s; nothing is retried here.
 */
final class GoogleApiClient {

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient http;
    private final GoogleApiConfig config;

    GoogleApiClient(HttpClient http, GoogleApiConfig config) {
        this.http = http;
        this.config = config;
    }

    GoogleApiConfig config() {
        return config;
    }

    /**
     * {@code POST /v1/phones/{msisdn}/agentMessages?messageId=…&agentId=…}. Google keeps one message per
     * messageId and agent, so a retry of a call whose answer was lost cannot deliver twice; its 409
     * ALREADY_EXISTS means the first call went through.
     */
    void createAgentMessage(GoogleSettings settings, GoogleBearer bearer, String msisdn, String messageId,
                            ObjectNode body) {
        byte[] json;
        try {
            json = HubJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new PermanentChannelException(ReasonCodes.INTERNAL_ERROR, null, "RBM message body not serializable");
        }
        URI uri = config.uri(settings, "phones/" + msisdn + "/agentMessages?messageId=" + encode(messageId)
                + "&agentId=" + encode(settings.agentId()));
        HttpRequest request = request(uri, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
            throw failure(response.statusCode(), response.body(), response, bearer);
        }
    }

    /**
     * {@code GET /v1/phones/{msisdn}/capabilities?requestId=…&agentId=…}: the features the number's device
     * shows to the agent ({@code {"features": ["RICHCARD_STANDALONE", …]}}), or empty on Google's 404: the
     * number cannot be reached over RCS.
     */
    Optional<List<String>> capabilities(GoogleSettings settings, GoogleBearer bearer, String msisdn) {
        URI uri = config.uri(settings, "phones/" + msisdn + "/capabilities?requestId=" + UUID.randomUUID()
                + "&agentId=" + encode(settings.agentId()));
        HttpResponse<String> response = exchange(request(uri, bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 == 2) {
            List<String> features = new ArrayList<>();
            try {
                HubJson.mapper().readTree(response.body()).path("features").forEach(f -> features.add(f.asText()));
            } catch (IOException e) {
                // a 2xx without a readable body still proves the number is reachable
            }
            return Optional.of(features);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        throw failure(response.statusCode(), response.body(), response, bearer);
    }

    /**
     * {@code DELETE /v1/phones/{msisdn}/agentMessages/{messageId}?agentId=…}: true when Google took the message
     * back, false on its 404 (delivered already, so nothing is left to take back).
     */
    boolean revokeAgentMessage(GoogleSettings settings, GoogleBearer bearer, String msisdn, String messageId) {
        URI uri = config.uri(settings, "phones/" + msisdn + "/agentMessages/" + encode(messageId) + "?agentId="
                + encode(settings.agentId()));
        HttpResponse<String> response = exchange(request(uri, bearer).DELETE().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 == 2) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw failure(response.statusCode(), response.body(), response, bearer);
    }

    /** A GET of a user's file, with the bearer token when given; a non-2xx answer is returned, not thrown. */
    HttpResponse<InputStream> download(URI uri, GoogleBearer bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET();
        if (bearer != null) {
            request.header("Authorization", bearer.header());
        }
        return exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The classified failure of a download answer that is not 2xx; the body is read (bounded) and closed. */
    static RuntimeException downloadFailure(HttpResponse<InputStream> response, GoogleBearer bearer) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        return failure(response.statusCode(), body, response, bearer);
    }

    private static RuntimeException failure(int status, String body, HttpResponse<?> response, GoogleBearer bearer) {
        return GoogleErrorClassifier.classify(status, RbmError.parse(body),
                GoogleErrorClassifier.retryAfter(response.headers().firstValue("Retry-After")), bearer);
    }

    private HttpRequest.Builder request(URI uri, GoogleBearer bearer) {
        return HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Authorization", bearer.header())
                .header("Accept", "application/json");
    }

    /** Network failures and timeouts are transient; a timed-out send is retried with the same messageId. */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw TransientChannelException.unavailable(
                    "RBM API did not answer within " + config.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw TransientChannelException.unavailable(
                    "RBM API unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("RBM API call interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
