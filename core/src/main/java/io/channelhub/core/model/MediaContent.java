package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An image, audio (including voice notes), video, document or sticker. Inbound, {@code url} points at
 * the hub's media endpoint, never at a provider URL that needs the tenant's token. Outbound, it is a
 * public https URL the provider can fetch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaContent(
        MediaKind mediaType, String url, String mimeType, String filename, String caption, Long sizeBytes)
        implements Content {

    public MediaContent withStored(String hubUrl, String storedMimeType, long storedSize) {
        return new MediaContent(mediaType, hubUrl, storedMimeType, filename, caption, storedSize);
    }

    @Override
    public ContentType kind() {
        return ContentType.MEDIA;
    }
}
