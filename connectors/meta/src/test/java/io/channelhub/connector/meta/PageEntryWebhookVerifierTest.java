package io.channelhub.connector.meta;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The family's contract on a verifier that routes by {@code entry[].id}, as Messenger and Instagram do. */
class PageEntryWebhookVerifierTest extends MetaWebhookVerifierContractTest {

    @Override
    protected MetaWebhookVerifier verifier() {
        return new MetaWebhookVerifier() {
            @Override
            protected List<String> accountIdsOf(byte[] body) {
                return MetaWebhookBatch.accountIds(body, "page", entry -> List.of(entry.path("id").asText()));
            }
        };
    }

    @Override
    protected String channel() {
        return "messenger";
    }

    @Override
    protected byte[] batchOfSeveralAccounts() {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"P1\"},{\"id\":\"P2\"},{\"id\":\"P1\"}]}"
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected List<String> accountsOfTheBatch() {
        return List.of("P1", "P2");
    }
}
