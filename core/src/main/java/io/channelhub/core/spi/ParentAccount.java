package io.channelhub.core.spi;

import java.util.Objects;

/**
 * A provider account a platform-wide webhook names for events that carry no routing account, only the
 * broader account that holds it: Meta's account, template and phone-number quality updates name the
 * WhatsApp Business Account, not a phone number. See {@link WebhookVerifier#parentAccounts}.
 *
 * @param setting the connector setting a tenant keeps this account in ({@code wabaId})
 * @param id      the account's id as the payload gives it
 */
public record ParentAccount(String setting, String id) {

    public ParentAccount {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(id, "id");
    }
}
