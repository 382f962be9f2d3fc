package io.channelhub.app.flow;

import io.channelhub.app.audit.AuditTrail;
import io.channelhub.app.persistence.ErasureRepository;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Erases everything the hub holds of one contact, across channels (CONTRACT §6): the messages with their
 * history, the contact's consent state, and the media those messages brought.
 */
@Component
public class ContactErasure {
    private final ErasureRepository erasure;
    private final MediaErasure media;
    private final AuditTrail audit;

    ContactErasure(ErasureRepository erasure, MediaErasure media, AuditTrail audit) {
        this.erasure = erasure;
        this.media = media;
        this.audit = audit;
    }

    /** How much was erased. */
    public record Erased(int messages, int media) {
    }

    public Erased contact(String tenantId, String address) {
        // Media first: they are found through the messages.
        int erasedMedia = media.erase(tenantId, erasure.mediaOf(tenantId, address));
        Erased erased = new Erased(erasure.contact(tenantId, address), erasedMedia);
        // counts only: an audit trail that kept the address would undo the erasure
        audit.record("contact.erased", tenantId, null, Map.of("messages", erased.messages(), "media", erased.media()));
        return erased;
    }
}
