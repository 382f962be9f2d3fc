package io.channelhub.app.flow;

import io.channelhub.app.persistence.ErasureRepository;
import org.springframework.stereotype.Component;

/**
 * Erases everything the hub holds of one contact, across channels (CONTRACT §6): the messages with their
 * history, the contact's consent state, and the media those messages brought.
 */
@Component
public class ContactErasure {
    private final ErasureRepository erasure;
    private final MediaErasure media;

    ContactErasure(ErasureRepository erasure, MediaErasure media) {
        this.erasure = erasure;
        this.media = media;
    }

    /** How much was erased. */
    public record Erased(int messages, int media) {
    }

    public Erased contact(String tenantId, String address) {
        // Media first: they are found through the messages.
        int erasedMedia = media.erase(tenantId, erasure.mediaOf(tenantId, address));
        return new Erased(erasure.contact(tenantId, address), erasedMedia);
    }
}
