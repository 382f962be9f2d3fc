package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.whatsapp.model.GraphError;
import io.channelhub.connector.whatsapp.model.MediaUrl;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The few Graph API calls the connector makes, one HTTP exchange each, with the tenant's token per call.
 * Failures leave as classified {@link io.channelhub.core.error.ChannelException}s; nothing is retried here.
 */
final class WhatsAppApiClient {

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient http;
    private final GraphApiConfig config;
    private final Clock clock;

    WhatsAppApiClient(HttpClient http, GraphApiConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    GraphApiConfig config() {
        return config;
    }

    /** {@code POST /{version}/{phone-number-id}/messages}; returns the parsed answer. */
    JsonNode sendMessage(WhatsAppSettings settings, String phoneNumberId, ObjectNode body) {
        byte[] json;
        try {
            json = HubJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new PermanentChannelException(ReasonCodes.INTERNAL_ERROR, null, "message body not serializable");
        }
        HttpRequest request = request(config.uri(settings.apiVersion(), phoneNumberId + "/messages"), settings)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return readJson(exchange(request, settings), "send");
    }

    /** {@code GET /{version}/{phone-number-id}?fields=id}: a cheap call that proves token and number. */
    JsonNode phoneNumber(WhatsAppSettings settings, String phoneNumberId) {
        HttpRequest request = request(config.uri(settings.apiVersion(), phoneNumberId + "?fields=id"), settings)
                .GET().build();
        return readJson(exchange(request, settings), "phone number lookup");
    }

    /** Step 1 of a media download: {@code GET /{version}/{media-id}} → a short-lived url. */
    MediaUrl mediaUrl(WhatsAppSettings settings, String mediaId) {
        HttpRequest request = request(config.uri(settings.apiVersion(), mediaId), settings).GET().build();
        return MediaUrl.fromNode(readJson(exchange(request, settings), "media lookup"))
                .orElseThrow(() -> new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                        "WhatsApp media lookup answered without a url"));
    }

    /** Step 2: the media itself, from the url of step 1, with the same bearer token (Meta requires it). */
    HttpResponse<InputStream> download(WhatsAppSettings settings, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, "WhatsApp media url is invalid");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "WhatsApp media url is not http(s)");
        }
        HttpRequest request = request(uri, settings).GET().build();
        HttpResponse<InputStream> response = send(() -> http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw WhatsAppErrorClassifier.classify(response.statusCode(), GraphError.parse(body),
                    retryAfter(response.headers()), settings.accessToken());
        }
        return response;
    }

    private HttpRequest.Builder request(URI uri, WhatsAppSettings settings) {
        return HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Authorization", settings.accessToken().bearer())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> exchange(HttpRequest request, WhatsAppSettings settings) {
        HttpResponse<String> response = send(() -> http.send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        if (response.statusCode() / 100 != 2) {
            throw WhatsAppErrorClassifier.classify(response.statusCode(), GraphError.parse(response.body()),
                    retryAfter(response.headers()), settings.accessToken());
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
                    "the HTTP client refused the WhatsApp Graph API request (IllegalArgumentException); check the"
                            + " accessToken");
        } catch (HttpTimeoutException e) {
            throw TransientChannelException.unavailable(
                    "WhatsApp Graph API did not answer within " + config.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw TransientChannelException.unavailable(
                    "WhatsApp Graph API unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("WhatsApp Graph API call interrupted", e);
        }
    }

    private static JsonNode readJson(HttpResponse<String> response, String what) {
        try {
            JsonNode node = HubJson.mapper().readTree(response.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through: an unreadable 2xx is treated like a Meta-side failure
        }
        throw TransientChannelException.unavailable("WhatsApp Graph API " + what + " answer is not a JSON object",
                null);
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    private Duration retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value.get()));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface Exchange<T> {
        HttpResponse<T> send() throws IOException, InterruptedException;
    }
}
