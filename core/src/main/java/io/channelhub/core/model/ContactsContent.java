package io.channelhub.core.model;

import java.util.List;

/** Shared contact cards. */
public record ContactsContent(List<ContactCard> contacts) implements Content {
    public ContactsContent {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    @Override
    public ContentType kind() {
        return ContentType.CONTACTS;
    }
}
