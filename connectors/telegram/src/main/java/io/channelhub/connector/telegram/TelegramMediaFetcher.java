package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.telegram.model.BotApiError;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Downloads inbound media by {@code file_id}: {@code getFile} answers a {@code file_path} valid for at least an
 * hour, then {@code GET {base}/file/bot<token>/<file_path>} (https://core.telegram.org/bots/api#getfile). Bots
 * may download files of up to 20 MB; for larger ones Telegram answers no {@code file_path}, a permanent failure.
 */
final class TelegramMediaFetcher implements MediaFetcher {

    private final TelegramApiClient api;

    TelegramMediaFetcher(TelegramApiClient api) {
        this.api = api;
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        if (source.providerRef() == null || source.providerRef().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, "telegram media without file_id");
        }
        JsonNode file = api.call("getFile", HubJson.mapper().createObjectNode().put("file_id", source.providerRef()),
                connector);
        String path = BotJson.text(file, "file_path").orElseThrow(() -> new PermanentChannelException(
                ReasonCodes.PROVIDER_REJECTED, null, "Telegram gives no download for this file (bots may "
                + "download files of up to 20 MB)"));
        HttpResponse<InputStream> response = api.download(path, connector);
        int status = response.statusCode();
        if (status / 100 != 2) {
            close(response);
            if (status == 404) {
                // file paths expire after an hour: the update must be fetched anew, which no retry does
                throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, "404",
                        "Telegram no longer has this file (file paths expire after an hour)");
            }
            throw TelegramApiClient.redacted(TelegramErrorClassifier.classify("file download",
                    BotApiError.of(status, null)), connector);
        }
        // Telegram's file server answers application/octet-stream for most files: the type the update named
        // is the better one then
        String mimeType = response.headers().firstValue("Content-Type")
                .filter(type -> !type.startsWith("application/octet-stream") || source.mimeType() == null)
                .orElse(source.mimeType());
        long size = response.headers().firstValueAsLong("Content-Length")
                .orElse(BotJson.integer(file, "file_size").orElse(-1L));
        return new FetchedMedia(response.body(), mimeType, size);
    }

    private static void close(HttpResponse<InputStream> response) {
        try (InputStream ignored = response.body()) {
            // drained by closing
        } catch (IOException ignored) {
            // the connection is discarded
        }
    }
}
