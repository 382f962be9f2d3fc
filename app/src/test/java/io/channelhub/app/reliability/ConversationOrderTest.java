package io.channelhub.app.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A conversation's messages go out in the order they were accepted, and a message waiting behind an earlier one
 * goes as soon as that one ends — not at its backstop, which is set far out here (30 s) so that only the wake can
 * make these tests pass in time. ScaleOutIT found the two defects these guard against: later messages overtook
 * an earlier one that dispatch had not reached within a minute, and a deep backlog was reshuffled on the broker
 * every half second until one hub nearly stopped sending.
 */
class ConversationOrderTest extends HubTestBase {
    static final String TENANT = "order-dealer";
    static final String ACCOUNT = "acct-order";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.retry.ordering-delay", () -> "30s");
        registry.add("hub.retry.ordering-max-delay", () -> "30s");
        registry.add("hub.retry.initial-delay", () -> "1s");
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void messagesWaitingBehindARetriedOneGoWhenItIsSentInOrder() throws Exception {
        tenantWithTestConnector(TENANT, "test", ACCOUNT, "s-order");
        // the first send of the conversation's first message fails once: it is retried after 1 s, the others wait
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + ACCOUNT + "/messages")).inScenario("first fails")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + ACCOUNT + "/messages")).inScenario("first fails")
                .whenScenarioStateIs("up").willReturn(okSend()));
        String to = "+31610000001";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit(to, "retried-" + i));
        }
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream().allMatch(id -> "sent".equals(status(id))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("woken, not at the 30 s backstop")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(sentTexts(to)).containsExactly("retried-0", "retried-1", "retried-2", "retried-3");
    }

    @Test
    void aSubmissionRecordedButNeverQueuedIsQueuedByTheMessageBehindItAndGoesFirst() throws Exception {
        tenantWithTestConnector(TENANT + "-2", "test", ACCOUNT + "-2", "s-order-2");
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + ACCOUNT + "-2/messages")).willReturn(okSend()));
        String to = "+31610000002";
        String first = submit(TENANT + "-2", to, "first");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(TENANT + "-2", first)));

        // what a hub killed between recording a submission and queuing it leaves: a message accepted two
        // minutes ago that no dispatch item names
        String orphan = UUID.randomUUID().toString();
        Timestamp twoMinutesAgo = Timestamp.from(Instant.now().minus(Duration.ofMinutes(2)));
        jdbc.sql("""
                        insert into messages (id, seq, tenant_id, channel, direction, conversation_id, contact_address,
                          status, category, body, replay_round, created_at, updated_at)
                        select ?, nextval('message_seq'), tenant_id, channel, direction, conversation_id,
                          contact_address, 'accepted', category, replace(replace(body, ?, ?), '"first"', '"never queued"'),
                          0, ?, ? from messages where id = ?""")
                .params(orphan, first, orphan, twoMinutesAgo, twoMinutesAgo, first).update();

        String second = submit(TENANT + "-2", to, "second");
        await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(status(TENANT + "-2", second)));
        assertThat(status(TENANT + "-2", orphan)).isEqualTo("sent");
        assertThat(sentTexts(to)).containsExactly("first", "never queued", "second");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okSend() {
        return aResponse().withStatus(200).withBody("{\"id\":\"ord-{{randomValue length=10 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template");
    }

    /** The texts the provider was asked to send to {@code to}, each once, in the order of the calls that worked. */
    private List<String> sentTexts(String to) throws Exception {
        List<String> texts = new ArrayList<>();
        for (var request : PROVIDER.findAll(postRequestedFor(WireMock.urlMatching("/" + ACCOUNT + ".*/messages")))) {
            JsonNode n = HubJson.mapper().readTree(request.getBodyAsString());
            if (n.path("to").asText().equals(to) && !texts.contains(n.path("text").asText())) {
                texts.add(n.path("text").asText());
            }
        }
        return texts;
    }

    private String submit(String to, String text) throws Exception {
        return submit(TENANT, to, text);
    }

    private String submit(String tenant, String to, String text) throws Exception {
        return HubJson.mapper().readTree(send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM,
                "{\"channel\":\"test\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                        + "\"}}").body()).path("id").asText();
    }

    private String status(String id) {
        return status(TENANT, id);
    }

    private String status(String tenant, String id) {
        try {
            return HubJson.mapper().readTree(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM,
                    null).body()).path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
