package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One shared contact. */
@JsonInclude(JsonInclude.Include.NON_NULL) // an absent name is left out, never written as null
public record ContactCard(String name, List<String> phones, List<String> emails) {
    public ContactCard {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
