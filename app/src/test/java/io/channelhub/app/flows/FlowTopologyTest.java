package io.channelhub.app.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Each flow's answer to a message it cannot read, put straight on its queue as a broken producer (or a bug
 * upstream) would: it must end in the dead letters once, attributed to its tenant and to the queue it failed
 * in, whether the step gives up on it itself or throws until the broker's redelivery limit moves it to
 * hub.dead. Runs through the whole hub: the embedded broker's address settings, the routes' topology, the
 * steps, the dead-letter consumer and the admin API.
 */
class FlowTopologyTest extends H2HubTest {
    /** hub.retry.redelivery.attempts of the test hub (HubTestBase). */
    private static final int DELIVERIES = 4;
    /** Well past the first dead letter's redelivery backoff (100 + 200 + 400 ms) and the dead-letter consumer. */
    private static final long ARRIVAL_MILLIS = 15_000;
    /** How long a second dead letter of the same message is given to show up: one more round of redeliveries. */
    private static final long QUIET_MILLIS = 1_500;

    @Value("${hub.test.broker-url}")
    String brokerUrl;
    Connection platform;
    String tenant;

    @BeforeEach
    void tenantAndPlatform() throws Exception {
        tenant = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        tenantWithTestConnector(tenant, "test", "acct-" + tenant, "signing-secret-" + tenant);
        platform = platformConnection(brokerUrl);
    }

    @AfterEach
    void closePlatform() throws Exception {
        platform.close();
    }

    @Test
    void anUnreadableIntakePayloadIsDeadLetteredAtOnceWithItsRawBytes() throws Exception {
        byte[] notUtf8 = {(byte) 0xC3, 0x28, (byte) 0xFF, 'x'};
        putBytes("hub.intake", notUtf8, Map.of("receivedAt", Instant.now().toString(), "hubHeaders", "{}"));

        JsonNode dead = deadLetteredOnce("hub.intake", "normalization_failed", 1);

        // bytes that are not text are kept exactly, so a replay after a connector fix gets what the provider sent
        assertThat(dead.path("bodyEncoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(dead.path("body").asText())).isEqualTo(notUtf8);
    }

    @Test
    void anOutboundMessageThatIsNoSubmissionIsDeadLetteredAtOnce() throws Exception {
        putText("hub.outbound", "<submission>not JSON</submission>", Map.of());

        JsonNode dead = deadLetteredOnce("hub.outbound", "invalid_request", 1);

        assertThat(dead.path("detail").asText()).contains("not an outbound submission");
        assertThat(dead.path("body").asText()).isEqualTo("<submission>not JSON</submission>");
    }

    @Test
    void anUnreadableMediaRequestIsRedeliveredUntilTheBrokerGivesUpAndThenDeadLettered() throws Exception {
        putText("hub.media", "not a media request", Map.of());

        deadLetteredOnce("hub.media", "retries_exhausted", DELIVERIES);
    }

    @Test
    void anUnreadableEarlyStatusReportIsRedeliveredUntilTheBrokerGivesUpAndThenDeadLettered() throws Exception {
        putText("hub.status-retry", "not a pending status report", Map.of());

        deadLetteredOnce("hub.status-retry", "retries_exhausted", DELIVERIES);
    }

    @Test
    void aDispatchOfNoKnownMessageIsDeadLetteredAtOnce() throws Exception {
        putText("hub.dispatch", "not-a-hub-message-id", Map.of());

        JsonNode dead = deadLetteredOnce("hub.dispatch", "invalid_request", 1);

        assertThat(dead.path("detail").asText()).contains("no outbound message has this id");
        assertThat(waiting("hub.dead")).isZero();
    }

    @Test
    void anIntakeItemWithoutItsIntakePropertiesIsDeadLetteredAtOnceNotRetried() throws Exception {
        putText("hub.intake", "{\"account\":\"x\"}", Map.of());

        JsonNode dead = deadLetteredOnce("hub.intake", "normalization_failed", 1);

        assertThat(dead.path("detail").asText()).startsWith("not an intake item");
    }

    @Test
    void aReplayedDeadLetterGoesBackIntoItsFlowAndFailingAgainIsANewDeadLetter() throws Exception {
        putText("hub.media", "still not a media request", Map.of());
        JsonNode first = deadLetteredOnce("hub.media", "retries_exhausted", DELIVERIES);
        String firstId = first.path("id").asText();

        HttpResponse<String> replayed = send("POST", "/admin/v1/dead-letters/" + firstId + "/replay", OPS, null);
        assertThat(replayed.statusCode()).isEqualTo(202);
        assertThat(HubJson.mapper().readTree(replayed.body()).path("replayedAt").isNull()).isFalse();
        assertThat(send("POST", "/admin/v1/dead-letters/" + firstId + "/replay", OPS, null).statusCode())
                .as("a dead letter is replayed once").isEqualTo(409);

        // Back on hub.media the body is as unreadable as before: the same way through the broker's redeliveries
        // into hub.dead, recorded as a dead letter of its own (another broker message, so another id).
        List<TextMessage> again = receive(platform, "hub.dlq", tenantSelector(), 1, ARRIVAL_MILLIS);
        assertThat(again).hasSize(1);
        assertDeadLetterMessage(again.get(0), "hub.media", "retries_exhausted", DELIVERIES);
        String secondId = again.get(0).getStringProperty("deadLetterId");
        assertThat(secondId).isNotEqualTo(firstId);
        JsonNode envelope = HubJson.mapper().readTree(again.get(0).getText());
        assertThat(envelope.path("payload").asText()).isEqualTo("still not a media request");
        // the replay's fresh count of attempts travelled with it: it is the replayed message, not a stray copy
        assertThat(envelope.path("properties").path("hubAttempts").asInt(-1)).isZero();
        assertThat(receive(platform, "hub.dlq", tenantSelector(), 1, QUIET_MILLIS)).isEmpty();

        List<JsonNode> listed = listed();
        assertThat(listed).extracting(d -> d.path("id").asText()).containsExactlyInAnyOrder(firstId, secondId);
        assertThat(listed).filteredOn(d -> d.path("id").asText().equals(firstId))
                .allMatch(d -> !d.path("replayedAt").isNull());
        assertThat(listed).filteredOn(d -> d.path("id").asText().equals(secondId))
                .allMatch(d -> d.path("replayedAt").isNull() && d.path("originalQueue").asText().equals("hub.media"));
    }

    /**
     * The poison's one dead letter: on hub.dlq with the contract's properties, no second one after it, and
     * listed by the admin API. Answers the listed dead letter.
     */
    private JsonNode deadLetteredOnce(String queue, String reasonCode, int attempts) throws Exception {
        List<TextMessage> dead = receive(platform, "hub.dlq", tenantSelector(), 1, ARRIVAL_MILLIS);
        assertThat(dead).as("dead letter from " + queue).hasSize(1);
        assertDeadLetterMessage(dead.get(0), queue, reasonCode, attempts);
        assertThat(receive(platform, "hub.dlq", tenantSelector(), 1, QUIET_MILLIS)).as("a second dead letter")
                .isEmpty();

        List<JsonNode> listed = listed();
        assertThat(listed).hasSize(1);
        JsonNode letter = listed.get(0);
        assertThat(letter.path("id").asText()).isEqualTo(dead.get(0).getStringProperty("deadLetterId"));
        assertThat(letter.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(letter.path("channel").asText()).isEqualTo("test");
        assertThat(letter.path("originalQueue").asText()).isEqualTo(queue);
        assertThat(letter.path("reasonCode").asText()).isEqualTo(reasonCode);
        assertThat(letter.path("attempts").asInt()).isEqualTo(attempts);
        assertThat(letter.path("replayedAt").isNull()).isTrue();
        return letter;
    }

    private void assertDeadLetterMessage(TextMessage dead, String queue, String reasonCode, int attempts)
            throws Exception {
        assertThat(dead.getStringProperty("reasonCode")).isEqualTo(reasonCode);
        assertThat(dead.getStringProperty("originalQueue")).isEqualTo(queue);
        assertThat(dead.getIntProperty("attempts")).isEqualTo(attempts);
        assertThat(dead.getStringProperty("channel")).isEqualTo("test");
        JsonNode envelope = HubJson.mapper().readTree(dead.getText());
        assertThat(envelope.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(envelope.path("originalQueue").asText()).isEqualTo(queue);
    }

    private List<JsonNode> listed() throws Exception {
        HttpResponse<String> r = send("GET", "/admin/v1/dead-letters?tenantId=" + tenant, OPS, null);
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        HubJson.mapper().readTree(r.body()).forEach(letters::add);
        return letters;
    }

    private String tenantSelector() {
        return "tenantId = '" + tenant + "'";
    }

    /** Attributed as the hub's own producers attribute a message, so the dead letter is the tenant's. */
    private void putText(String queue, String body, Map<String, String> properties) throws JMSException {
        try (Session session = platform.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            put(session, queue, session.createTextMessage(body), properties);
        }
    }

    private void putBytes(String queue, byte[] body, Map<String, String> properties) throws JMSException {
        try (Session session = platform.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(body);
            put(session, queue, m, properties);
        }
    }

    private void put(Session session, String queue, Message m, Map<String, String> properties) throws JMSException {
        m.setStringProperty("tenantId", tenant);
        m.setStringProperty("channel", "test");
        for (Map.Entry<String, String> p : properties.entrySet()) {
            m.setStringProperty(p.getKey(), p.getValue());
        }
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(m);
        }
    }

    /** The tenant's messages waiting on a queue (a browser sees neither scheduled nor in-flight ones). */
    private int waiting(String queue) throws JMSException {
        try (Session session = platform.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue), tenantSelector())) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }
}
