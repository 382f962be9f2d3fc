package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.spi.InboundPayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetaWebhookBatchTest {

    private static final byte[] TWO_PAGES = bytes("{\"object\":\"page\",\"entry\":["
            + "{\"id\":\"P1\",\"messaging\":[{}]},{\"id\":\"P2\",\"messaging\":[{}]},{\"id\":\"P1\",\"messaging\":[]}]}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyEntryInOrder() {
        assertThat(MetaWebhookBatch.entries(TWO_PAGES, "page")).extracting(e -> e.path("id").asText())
                .containsExactly("P1", "P2", "P1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "{\"object\":\"instagram\",\"entry\":[]}", "{\"object\":\"page\"}",
            "{\"object\":\"page\",\"entry\":{}}"})
    void anythingElseIsMalformed(String body) {
        assertThatThrownBy(() -> MetaWebhookBatch.entries(bytes(body), "page"))
                .isInstanceOf(MalformedPayloadException.class);
        assertThat(MetaWebhookBatch.accountIds(bytes(body), "page", e -> List.of("x"))).isEmpty();
    }

    @Test
    void accountIdsAreDistinctAndInOrder() {
        assertThat(MetaWebhookBatch.accountIds(TWO_PAGES, "page", e -> List.of(e.path("id").asText())))
                .containsExactly("P1", "P2");
    }

    @Test
    void aCopyForOneAccountKeepsOnlyThatAccountsEvents() {
        InboundPayload forP2 = new InboundPayload("t", "messenger", TWO_PAGES,
                Map.of(InboundPayload.ACCOUNT_HEADER, "P2"), Instant.EPOCH);
        assertThat(MetaWebhookBatch.isForThisCopy(forP2, "P2")).isTrue();
        assertThat(MetaWebhookBatch.isForThisCopy(forP2, "P1")).isFalse();
        InboundPayload whole = new InboundPayload("t", "messenger", TWO_PAGES, Map.of(), Instant.EPOCH);
        assertThat(MetaWebhookBatch.isForThisCopy(whole, "P1")).isTrue();
    }
}
