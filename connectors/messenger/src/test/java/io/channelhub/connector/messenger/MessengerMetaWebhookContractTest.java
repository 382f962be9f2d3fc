package io.channelhub.connector.messenger;

import io.channelhub.connector.meta.MetaWebhookVerifier;
import io.channelhub.connector.meta.MetaWebhookVerifierContractTest;
import java.util.List;

/** The Meta family's webhook contract on Messenger's verifier, which routes by Page id. */
class MessengerMetaWebhookContractTest extends MetaWebhookVerifierContractTest {

    @Override
    protected MetaWebhookVerifier verifier() {
        return new MessengerWebhookVerifier();
    }

    @Override
    protected String channel() {
        return "messenger";
    }

    @Override
    protected byte[] batchOfSeveralAccounts() {
        return MessengerFixtures.bytes("inbound/batch-two-pages.json");
    }

    @Override
    protected List<String> accountsOfTheBatch() {
        return List.of(MessengerFixtures.PAGE_ID, MessengerFixtures.OTHER_PAGE_ID);
    }
}
