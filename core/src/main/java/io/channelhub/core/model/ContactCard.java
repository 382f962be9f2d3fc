package io.channelhub.core.model;

import java.util.List;

/** One shared contact. */
public record ContactCard(String name, List<String> phones, List<String> emails) {
    public ContactCard {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
