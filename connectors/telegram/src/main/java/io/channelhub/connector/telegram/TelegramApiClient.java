package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.telegram.model.BotApiError;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The Bot API over the JDK HTTP client: {@code POST {base}/bot<token>/<method>} with a JSON body, and file
 * downloads from {@code {base}/file/bot<token>/<file_path>}. One attempt per call; failures classified.
 *
 * <p>The token is part of every URL, so no URL and no JDK exception text (which may quote the URL) ever
 * reaches an exception message here, and causes are not chained: only the method name and Telegram's own
 * answer are reported, redacted with the tenant's secrets besides.
 */
final class TelegramApiClient {
    private static final ObjectMapper JSON = HubJson.mapper();
    /** getFile's file_path: relative, no traversal, nothing a URL path would need escaped. */
    private static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    TelegramApiClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        // One client for all tenants: it pools connections and holds no credentials.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Calls {@code method} and answers its {@code result}; throws classified {@link ChannelException}s. */
    JsonNode call(String method, ObjectNode body, TenantConnector connector) {
        String token = TelegramSettings.botToken(connector);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/bot" + token + "/" + method))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), method);
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 == 2 && answer != null && answer.path("ok").asBoolean(false)) {
            return answer.path("result");
        }
        throw redacted(TelegramErrorClassifier.classify(method, BotApiError.of(response.statusCode(), answer)),
                connector);
    }

    /** Opens the file at getFile's {@code file_path}; the caller closes the stream. */
    HttpResponse<InputStream> download(String filePath, TenantConnector connector) {
        if (filePath == null || !FILE_PATH.matcher(filePath).matches() || filePath.contains("..")) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "Telegram getFile answered a file_path that is no plain relative path");
        }
        String token = TelegramSettings.botToken(connector);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/file/bot" + token + "/" + filePath))
                .timeout(timeout)
                .GET()
                .build();
        return send(request, HttpResponse.BodyHandlers.ofInputStream(), "file download");
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw TransientChannelException.unavailable("Telegram " + what + " did not answer within "
                    + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            throw TransientChannelException.unavailable("Telegram " + what + " could not be reached ("
                    + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("interrupted while calling Telegram " + what, null);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null; // a proxy's HTML page: classified by the HTTP status alone
        }
    }

    /** Telegram's descriptions do not quote tokens, but they are provider text nobody vouches for. */
    static ChannelException redacted(ChannelException e, TenantConnector connector) {
        String message = connector.secrets().redact(e.getMessage());
        return message.equals(e.getMessage()) ? e : e.redactedCopy(message);
    }
}
