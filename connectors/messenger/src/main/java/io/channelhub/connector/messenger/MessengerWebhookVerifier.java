package io.channelhub.connector.messenger;

import io.channelhub.connector.messenger.model.MessengerWebhookPayload;
import io.channelhub.connector.meta.MetaWebhookVerifier;
import java.util.List;

/** Meta's webhook security (the family's) with Messenger's routing: every event is for the Page of its entry. */
public final class MessengerWebhookVerifier extends MetaWebhookVerifier {

    /** Every {@code entry[].id} (a Page id) of the payload: one Meta app batches several Pages. */
    @Override
    protected List<String> accountIdsOf(byte[] body) {
        return MessengerWebhookPayload.pageIds(body);
    }
}
