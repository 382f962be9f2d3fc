package io.channelhub.connector.instagram;

import io.channelhub.connector.meta.MetaWebhookVerifier;
import io.channelhub.connector.meta.MetaWebhookVerifierContractTest;
import java.util.List;

/** The Meta family's webhook contract on Instagram's verifier, which routes by Instagram account id. */
class InstagramMetaWebhookContractTest extends MetaWebhookVerifierContractTest {

    @Override
    protected MetaWebhookVerifier verifier() {
        return new InstagramWebhookVerifier();
    }

    @Override
    protected String channel() {
        return "instagram";
    }

    @Override
    protected byte[] batchOfSeveralAccounts() {
        return InstagramFixtures.bytes("inbound/batch-two-accounts.json");
    }

    @Override
    protected List<String> accountsOfTheBatch() {
        return List.of(InstagramFixtures.ACCOUNT_ID, InstagramFixtures.OTHER_ACCOUNT_ID);
    }
}
