package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Threading headers an email message keeps: its own Message-ID, In-Reply-To and References. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EmailHeaders(String messageId, String inReplyTo, List<String> references) {
    public EmailHeaders {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
