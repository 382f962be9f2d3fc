package io.channelhub.app.flow;

import io.channelhub.app.media.MediaStore;
import io.channelhub.app.persistence.ErasureRepository;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases everything the hub holds of one contact, across channels (CONTRACT §6): the messages with their
 * history, the contact's consent state, and the media those messages brought.
 */
@Component
public class ContactErasure {
    private static final Logger LOG = LoggerFactory.getLogger(ContactErasure.class);
    private final ErasureRepository erasure;
    private final MediaStore media;

    ContactErasure(ErasureRepository erasure, MediaStore media) {
        this.erasure = erasure;
        this.media = media;
    }

    /** How much was erased. */
    public record Erased(int messages, int media) {
    }

    public Erased contact(String tenantId, String address) {
        int erasedMedia = 0;
        for (String id : erasure.mediaOf(tenantId, address)) {
            try {
                media.delete(tenantId, id);
                if (erasure.deleteMedia(tenantId, id)) {
                    erasedMedia++;
                }
            } catch (IOException e) {
                // The record stays, so the answer's count and the media endpoint both show what is left.
                LOG.warn("Could not erase media {} of tenant {}: {}", id, tenantId, e.getMessage());
            }
        }
        return new Erased(erasure.contact(tenantId, address), erasedMedia);
    }
}
