package io.channelhub.connector.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The transport under every tenant's {@code TwilioRestClient}: the JDK HTTP client, one attempt per
 * request, every URL rewritten to the configured base URL. Shared by all tenants (it holds no
 * credentials: the SDK puts them on each request).
 *
 * <p>Two SDK behaviours are replaced on purpose:
 * <ul>
 *   <li>{@code HttpClient.reliableRequest} re-sends on any 5xx (3 attempts, 100 ms apart), which can
 *       duplicate an SMS Twilio already accepted; here it makes exactly one attempt, so the hub's retry
 *       policy is the only one.</li>
 *   <li>The SDK turns an error response into {@code ApiException} by parsing the body as Twilio's error
 *       JSON; a non-JSON body (a proxy's HTML 502) loses the HTTP status. Such bodies are replaced by
 *       {@code {"status": <http status>, "message": …}}, and a {@code Retry-After} header is kept in
 *       the error's {@code details}, so the error can still be classified.</li>
 * </ul>
 */
final class SmsApiHttpClient extends com.twilio.http.HttpClient {
    static final String RETRY_AFTER_DETAIL = "retryAfter";
    private static final String USER_AGENT = "channel-hub-sms (twilio-java)";
    private static final ObjectMapper JSON = HubJson.mapper();

    private final HttpClient http;
    private final SmsApiEndpoint endpoint;
    private final Duration timeout;

    SmsApiHttpClient(HttpClient http, SmsApiEndpoint endpoint, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        try {
            HttpResponse<byte[]> response = http.send(httpRequest(request), HttpResponse.BodyHandlers.ofByteArray());
            return toSdkResponse(response);
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("Twilio did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while calling Twilio", e);
        }
    }

    private HttpRequest httpRequest(Request request) {
        URI target = endpoint.resolve(sdkUri(request));
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT);
            if (request.requiresAuthentication()) {
                builder.header("Authorization", request.getAuthString());
            }
            for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
            builder.method(request.getMethod().toString(), body(request, builder));
            return builder.build();
        } catch (IllegalArgumentException e) {
            // Not chained: the JDK's message quotes the header value or URI it refused, which may hold a
            // credential.
            throw new ApiConnectionException("the JDK HTTP client refused the Twilio request ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static URI sdkUri(Request request) {
        try {
            return request.constructURL().toURI();
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("the SDK built an invalid URL", e);
        }
    }

    private static HttpRequest.BodyPublisher body(Request request, HttpRequest.Builder builder) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.DELETE || method == HttpMethod.HEAD) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (request.getContentType() == EnumConstants.ContentType.JSON) {
            builder.header("Content-Type", "application/json");
            return HttpRequest.BodyPublishers.ofString(request.getBody() == null ? "" : request.getBody());
        }
        builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        return HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8);
    }

    private static Response toSdkResponse(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Header[] headers = response.headers().map().entrySet().stream()
                .flatMap(h -> h.getValue().stream().map(v -> new BasicHeader(h.getKey(), v)))
                .toArray(Header[]::new);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 400) {
            body = classifiableErrorBody(status, body, response.headers().firstValue("Retry-After").orElse(null));
        }
        return new Response(body, status, headers);
    }

    private static String classifiableErrorBody(int status, String body, String retryAfter) {
        ObjectNode error;
        try {
            JsonNode parsed = body.isBlank() ? null : JSON.readTree(body);
            error = parsed instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            error = null;
        }
        if (error == null) {
            error = JSON.createObjectNode().put("message", "HTTP " + status + " without a Twilio error body");
        }
        if (!error.path("status").canConvertToInt() || error.path("status").asInt() == 0) {
            error.put("status", status);
        }
        if (retryAfter != null && !error.has("details")) {
            error.putObject("details").put(RETRY_AFTER_DETAIL, retryAfter);
        }
        return error.toString();
    }
}
