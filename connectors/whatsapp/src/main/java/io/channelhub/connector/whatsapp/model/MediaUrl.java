package io.channelhub.connector.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Answer of {@code GET /{version}/{media-id}}: {@code {messaging_product, url, mime_type, sha256, file_size,
 * id}}. The url is short-lived (about five minutes) and needs the same bearer token to download.
 */
public record MediaUrl(String url, String mimeType, Long fileSize) {

    /** Empty when the answer carries no url. */
    public static Optional<MediaUrl> fromNode(JsonNode node) {
        String url = node.path("url").asText("");
        if (url.isBlank()) {
            return Optional.empty();
        }
        JsonNode size = node.path("file_size");
        Long fileSize = size.canConvertToLong() ? Long.valueOf(size.longValue())
                : size.isTextual() && size.asText().matches("\\d{1,18}") ? Long.valueOf(size.asText()) : null;
        String mime = node.path("mime_type").asText("");
        return Optional.of(new MediaUrl(url, mime.isBlank() ? null : mime, fileSize));
    }
}
