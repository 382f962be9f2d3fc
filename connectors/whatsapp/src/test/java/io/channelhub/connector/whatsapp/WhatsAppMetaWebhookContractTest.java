package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.MetaWebhookVerifier;
import io.channelhub.connector.meta.MetaWebhookVerifierContractTest;
import java.util.List;

/** The Meta family's webhook contract on WhatsApp's verifier, which routes by phone number id. */
class WhatsAppMetaWebhookContractTest extends MetaWebhookVerifierContractTest {

    @Override
    protected MetaWebhookVerifier verifier() {
        return new WhatsAppWebhookVerifier();
    }

    @Override
    protected String channel() {
        return "whatsapp";
    }

    @Override
    protected byte[] batchOfSeveralAccounts() {
        return WhatsAppFixtures.bytes("inbound/batch-multi-entry.json");
    }

    @Override
    protected List<String> accountsOfTheBatch() {
        return List.of("106540352242922", "106540352249999");
    }
}
