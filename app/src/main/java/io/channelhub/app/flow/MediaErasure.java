package io.channelhub.app.flow;

import io.channelhub.app.media.MediaStore;
import io.channelhub.app.persistence.ErasureRepository;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases stored media, the file before its record: a record whose file could not be deleted stays, so the
 * media endpoint and the next retention run still see it.
 */
@Component
class MediaErasure {
    private static final Logger LOG = LoggerFactory.getLogger(MediaErasure.class);
    private final ErasureRepository erasure;
    private final MediaStore media;

    MediaErasure(ErasureRepository erasure, MediaStore media) {
        this.erasure = erasure;
        this.media = media;
    }

    /** Answers how many of the tenant's media {@code ids} were erased. */
    int erase(String tenantId, List<String> ids) {
        int erased = 0;
        for (String id : ids) {
            try {
                media.delete(tenantId, id);
                if (erasure.deleteMedia(tenantId, id)) {
                    erased++;
                }
            } catch (IOException e) {
                LOG.warn("Could not erase media {} of tenant {}: {}", id, tenantId, e.getMessage());
            }
        }
        return erased;
    }
}
