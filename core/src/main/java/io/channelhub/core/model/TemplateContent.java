package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A provider-approved template (WhatsApp). {@code parameters} holds either plain strings (body
 * parameters in order) or provider components passed through as given. Channels without templates
 * send {@code fallbackText}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateContent(String name, String language, List<Object> parameters, String fallbackText)
        implements Content {
    public TemplateContent {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public ContentType kind() {
        return ContentType.TEMPLATE;
    }
}
