package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.MetaWebhookVerifier;
import io.channelhub.connector.whatsapp.model.WhatsAppWebhookPayload;
import io.channelhub.core.spi.ParentAccount;
import io.channelhub.core.spi.WebhookRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Meta's webhook security (the family's) with WhatsApp's routing: events are for a phone number
 * ({@code metadata.phone_number_id}), account events for a WhatsApp Business Account.
 */
public final class WhatsAppWebhookVerifier extends MetaWebhookVerifier {

    /** Every {@code metadata.phone_number_id} of the payload: one Meta app batches several numbers. */
    @Override
    protected List<String> accountIdsOf(byte[] body) {
        return WhatsAppWebhookPayload.phoneNumberIds(body);
    }

    /**
     * The WhatsApp Business Account ({@code entry[].id}, setting {@code wabaId}) of events that name no phone
     * number: account_update, message_template_status_update, phone_number_quality_update, … See
     * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview
     */
    @Override
    public Set<ParentAccount> parentAccounts(WebhookRequest request) {
        Set<ParentAccount> accounts = new LinkedHashSet<>();
        for (String wabaId : WhatsAppWebhookPayload.businessAccountIdsOfAccountEvents(request.body())) {
            accounts.add(new ParentAccount(WhatsAppSettings.WABA_ID, wabaId));
        }
        return accounts;
    }
}
