package io.channelhub.connector.instagram;

import io.channelhub.connector.instagram.model.InstagramWebhookPayload;
import io.channelhub.connector.meta.MetaWebhookVerifier;
import java.util.List;

/**
 * Meta's webhook security (the family's) with Instagram's routing: every event is for the Instagram account of
 * its entry, whichever setup the account uses.
 */
public final class InstagramWebhookVerifier extends MetaWebhookVerifier {

    @Override
    protected List<String> accountIdsOf(byte[] body) {
        return InstagramWebhookPayload.accountIds(body);
    }
}
