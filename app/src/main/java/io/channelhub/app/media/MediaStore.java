package io.channelhub.app.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where inbound media lives once fetched from a provider. Files under the data directory by default;
 * another store (an object store) implements the same interface.
 */
public interface MediaStore {

    /**
     * Stores {@code content} up to {@code maxBytes}; throws {@link MediaTooLargeException} beyond it and
     * leaves nothing behind.
     */
    StoredMedia put(String tenantId, InputStream content, long maxBytes) throws IOException;

    Optional<InputStream> open(String tenantId, String id) throws IOException;

    void delete(String tenantId, String id) throws IOException;

    /** What was stored: the new id, its size and SHA-256. */
    record StoredMedia(String id, long sizeBytes, String sha256) {
    }

    /** The media exceeded the hub's limit. */
    class MediaTooLargeException extends IOException {
        public MediaTooLargeException(long maxBytes) {
            super("media larger than " + maxBytes + " bytes");
        }
    }
}
