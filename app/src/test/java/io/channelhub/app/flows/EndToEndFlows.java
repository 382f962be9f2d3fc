package io.channelhub.app.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.app.testconnector.TestChannelConnector;
import io.channelhub.app.testconnector.TestSwitches;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.routes.BatchQueueConsumer;
import io.channelhub.routes.port.Housekeeping;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub's flows end to end, through the running application: HTTP and JMS in, the embedded broker,
 * the database, the test connector, a WireMock provider out, and a JMS client over TCP in the core
 * platform's place. Run once on H2 and once on PostgreSQL.
 */
abstract class EndToEndFlows extends HubTestBase {
    @Value("${hub.test.broker-url}")
    String brokerUrl;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Housekeeping housekeeping;
    @Autowired
    BatchQueueConsumer normalizeConsumer;
    @Autowired
    MessageRepository messages;
    Connection platform;
    String tenant;
    String account;
    String secret;

    @BeforeEach
    void tenantAndPlatform() throws Exception {
        tenant = "dealer-" + UUID.randomUUID().toString().substring(0, 8);
        account = "acct-" + tenant;
        secret = "signing-secret-" + tenant;
        tenantWithTestConnector(tenant, "test", account, secret);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"prov-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                        .withTransformers("response-template")));
        platform = platformConnection(brokerUrl);
    }

    @AfterEach
    void closePlatform() throws Exception {
        platform.close();
    }

    String tenantSelector() {
        return "tenantId = '" + tenant + "'";
    }

    HttpResponse<String> submit(String json, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/" + tenant + "/messages")))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return call(b.build());
    }

    static JsonNode json(String s) throws Exception {
        return HubJson.mapper().readTree(s);
    }

    JsonNode status(String id) throws Exception {
        return json(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null).body());
    }

    @Test
    void outboundByRestReachesTheProviderAndReportsAcceptedThenSent() throws Exception {
        HttpResponse<String> r = submit("""
                {"channel":"test","to":"+31612345678","content":{"type":"text","text":"Is de auto nog beschikbaar?"},
                 "metadata":{"orderId":"A-1"}}""", null);
        assertThat(r.statusCode()).isEqualTo(202);
        String id = json(r.body()).path("id").asText();
        assertThat(json(r.body()).path("status").asText()).isEqualTo("accepted");

        List<TextMessage> events = receive(platform, "hub.events", tenantSelector(), 2, 10_000);
        assertThat(events).hasSize(2);
        JsonNode accepted = json(events.get(0).getText());
        JsonNode sent = json(events.get(1).getText());
        assertThat(accepted.path("status").asText()).isEqualTo("accepted");
        assertThat(sent.path("status").asText()).isEqualTo("sent");
        assertThat(sent.path("messageId").asText()).isEqualTo(id);
        assertThat(sent.path("providerMessageId").asText()).startsWith("prov-");
        assertThat(sent.path("metadata").path("orderId").asText()).isEqualTo("A-1");
        assertThat(events.get(1).getStringProperty("channel")).isEqualTo("test");
        assertThat(events.get(1).getStringProperty("conversationId")).isNotBlank();

        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/" + account + "/messages"))
                .withHeader("Authorization", equalTo("Bearer tok-" + account))
                .withRequestBody(equalToJson("{\"to\":\"+31612345678\",\"text\":\"Is de auto nog beschikbaar?\",\"hubId\":\""
                        + id + "\"}")));
        JsonNode view = status(id);
        assertThat(view.path("status").asText()).isEqualTo("sent");
        assertThat(view.path("history")).extracting(h -> h.path("status").asText()).containsExactly("accepted", "sent");
    }

    @Test
    void outboundByJmsIsSentLikeRest() throws Exception {
        try (Session session = platform.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue("hub.outbound"))) {
            TextMessage m = session.createTextMessage("{\"tenantId\":\"" + tenant + "\",\"channel\":\"test\","
                    + "\"to\":\"+31611111111\",\"content\":{\"type\":\"text\",\"text\":\"via JMS\"},"
                    + "\"metadata\":{\"ref\":\"jms-1\"}}");
            m.setStringProperty("idempotencyKey", "jms-key-1");
            producer.send(m);
            producer.send(m); // a repeat with the same key
        }
        List<TextMessage> events = receive(platform, "hub.events", tenantSelector() + " AND status = 'sent'", 2, 5_000);
        assertThat(events).hasSize(1);
        assertThat(json(events.get(0).getText()).path("metadata").path("ref").asText()).isEqualTo("jms-1");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.text", equalTo("via JMS"))));
    }

    @Test
    void idempotentRepeatReturnsTheFirstIdAndSendsOnce() throws Exception {
        String body = "{\"channel\":\"test\",\"to\":\"+31622222222\",\"content\":{\"type\":\"text\",\"text\":\"once\"}}";
        String first = json(submit(body, "key-1").body()).path("id").asText();
        String second = json(submit(body, "key-1").body()).path("id").asText();
        assertThat(second).isEqualTo(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(first).path("status").asText()));
        assertThat(json(submit(body, "key-2").body()).path("id").asText()).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PROVIDER.verify(2,
                postRequestedFor(urlEqualTo("/" + account + "/messages"))
                        .withRequestBody(matchingJsonPath("$.text", equalTo("once")))));
    }

    @Test
    void aMessageTheBrokerDeadLettersEndsFailedWithAFailedEvent() throws Exception {
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31633333334\",\"content\":{\"type\":\"text\","
                + "\"text\":\"" + TestChannelConnector.LINKAGE_ERROR + "\"},\"metadata\":{\"k\":\"broker\"}}", null)
                .body()).path("id").asText();

        List<TextMessage> dead = receive(platform, "hub.dlq", tenantSelector(), 1, 20_000);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getStringProperty("reasonCode")).isEqualTo("retries_exhausted");
        assertThat(dead.get(0).getStringProperty("originalQueue")).isEqualTo("hub.dispatch");
        assertThat(json(dead.get(0).getText()).path("messageId").asText()).isEqualTo(id);
        List<TextMessage> failed = receive(platform, "hub.events", tenantSelector() + " AND status = 'failed'", 1, 5_000);
        assertThat(failed).hasSize(1);
        JsonNode event = json(failed.get(0).getText());
        assertThat(event.path("messageId").asText()).isEqualTo(id);
        assertThat(event.path("reason").path("code").asText()).isEqualTo("retries_exhausted");
        assertThat(event.path("reason").path("detail").asText()).contains("broker");
        assertThat(event.path("metadata").path("k").asText()).isEqualTo("broker");
        assertThat(status(id).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void transientFailuresAreRetriedThenDeadLetteredWithAFailedEvent() throws Exception {
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31633333333")))
                .willReturn(aResponse().withStatus(503)));
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31633333333\",\"content\":{\"type\":\"text\","
                + "\"text\":\"retry me\"},\"metadata\":{\"k\":\"v\"}}", null).body()).path("id").asText();

        List<TextMessage> dead = receive(platform, "hub.dlq", tenantSelector(), 1, 20_000);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getStringProperty("reasonCode")).isEqualTo("retries_exhausted");
        assertThat(dead.get(0).getIntProperty("attempts")).isEqualTo(4);
        assertThat(dead.get(0).getStringProperty("originalQueue")).isEqualTo("hub.dispatch");
        PROVIDER.verify(4, postRequestedFor(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31633333333"))));
        List<TextMessage> failed = receive(platform, "hub.events", tenantSelector() + " AND status = 'failed'", 1, 5_000);
        JsonNode event = json(failed.get(0).getText());
        assertThat(event.path("messageId").asText()).isEqualTo(id);
        assertThat(event.path("reason").path("code").asText()).isEqualTo("retries_exhausted");
        assertThat(event.path("metadata").path("k").asText()).isEqualTo("v");

        JsonNode listed = json(send("GET", "/admin/v1/dead-letters?tenantId=" + tenant, OPS, null).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("messageId").asText()).isEqualTo(id);
    }

    @Test
    void permanentFailureIsNotRetried() throws Exception {
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31644444444")))
                .willReturn(aResponse().withStatus(400)));
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31644444444\",\"content\":{\"type\":\"text\","
                + "\"text\":\"bad\"}}", null).body()).path("id").asText();
        List<TextMessage> failed = receive(platform, "hub.events", tenantSelector() + " AND status = 'failed'", 1, 10_000);
        assertThat(failed).hasSize(1);
        JsonNode reason = json(failed.get(0).getText()).path("reason");
        assertThat(reason.path("code").asText()).isEqualTo("provider_rejected");
        assertThat(reason.path("providerCode").asText()).isEqualTo("400");
        assertThat(reason.path("retryable").asBoolean()).isFalse();
        Thread.sleep(500); // time in which a retry would have happened
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31644444444"))));
        assertThat(status(id).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void messagesOfOneConversationReachTheProviderInOrder() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(submit("{\"channel\":\"test\",\"to\":\"+31655555555\",\"content\":{\"type\":\"text\","
                    + "\"text\":\"m" + i + "\"}}", null).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.findAll(postRequestedFor(
                urlEqualTo("/" + account + "/messages")).withRequestBody(matchingJsonPath("$.to",
                equalTo("+31655555555")))).size() == 8);
        List<String> texts = PROVIDER.findAll(postRequestedFor(urlEqualTo("/" + account + "/messages"))
                        .withRequestBody(matchingJsonPath("$.to", equalTo("+31655555555")))).stream()
                .map(r -> r.getBodyAsString().replaceAll(".*\"text\":\"(m\\d)\".*", "$1")).toList();
        assertThat(texts).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void anOpenCircuitOfOneTenantDoesNotDelayAnother() throws Exception {
        String slowTenant = tenant + "-down";
        String slowAccount = "acct-" + slowTenant;
        tenantWithTestConnector(slowTenant, "test", slowAccount, "s");
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + slowAccount + "/messages"))
                .willReturn(aResponse().withStatus(503).withFixedDelay(300)));
        for (int i = 0; i < 6; i++) {
            send("POST", "/api/v1/tenants/" + slowTenant + "/messages", PLATFORM, "{\"channel\":\"test\",\"to\":\"+316"
                    + (17000000 + i) + "\",\"content\":{\"type\":\"text\",\"text\":\"down\"}}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", "/admin/v1/tenants/" + slowTenant
                + "/connectors", OPS, null).body()).get(0).path("circuitState").asText().equals("OPEN"));

        long start = System.nanoTime();
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31666666666\",\"content\":{\"type\":\"text\","
                + "\"text\":\"healthy\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(3)).until(() -> "sent".equals(status(id).path("status").asText()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void signedWebhookBecomesOneCanonicalMessageOnHubInbound() throws Exception {
        String body = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pm-1\",\"from\":\"+31612345678\","
                + "\"name\":\"Jan\",\"to\":\"+31201234567\",\"text\":\"Is de auto nog beschikbaar?\",\"ts\":1763633730}]}";
        HttpResponse<String> first = postTestWebhook("/webhooks/test/" + tenant, secret, body);
        HttpResponse<String> retry = postTestWebhook("/webhooks/test/" + tenant, secret, body);
        String sameIdOtherEnvelope = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pm-1\","
                + "\"from\":\"+31612345678\",\"to\":\"+31201234567\",\"text\":\"Is de auto nog beschikbaar?\"}]}";
        HttpResponse<String> redelivered = postTestWebhook("/webhooks/test/" + tenant, secret, sameIdOtherEnvelope);
        assertThat(List.of(first.statusCode(), retry.statusCode(), redelivered.statusCode())).containsOnly(200);

        List<TextMessage> inbound = receive(platform, "hub.inbound", tenantSelector(), 2, 4_000);
        assertThat(inbound).hasSize(1);
        JsonNode m = json(inbound.get(0).getText());
        assertThat(m.path("id").asText()).hasSize(36);
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("test");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo("+31612345678");
        assertThat(m.path("from").path("name").asText()).isEqualTo("Jan");
        assertThat(m.path("to").path("address").asText()).isEqualTo("+31201234567");
        assertThat(m.path("providerMessageId").asText()).isEqualTo("pm-1");
        assertThat(m.path("timestamp").asText()).isEqualTo("2025-11-20T10:15:30Z");
        assertThat(m.path("content").path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").path("text").asText()).isEqualTo("Is de auto nog beschikbaar?");
        assertThat(m.path("conversationId").asText()).isEqualTo(inbound.get(0).getStringProperty("conversationId"));
        assertThat(inbound.get(0).getStringProperty("JMSXGroupID")).isEqualTo(m.path("conversationId").asText());
    }

    @Test
    void platformWideWebhookFindsTheTenantByAccount() throws Exception {
        String body = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pw-1\",\"from\":\"+31600000001\","
                + "\"to\":\"+31200000000\",\"text\":\"hi\"}]}";
        assertThat(postTestWebhook("/webhooks/test", secret, body).statusCode()).isEqualTo(200);
        assertThat(receive(platform, "hub.inbound", tenantSelector(), 1, 5_000)).hasSize(1);
    }

    @Test
    void handshakeEchoesTheChallengeOnlyForTheRightToken() {
        assertThat(send("GET", "/webhooks/test/" + tenant + "?token=verify-" + account + "&challenge=abc", null, null)
                .body()).isEqualTo("abc");
        assertThat(send("GET", "/webhooks/test/" + tenant + "?token=wrong&challenge=abc", null, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aStatusReportReadBeforeAnotherMovedTheMessageIsStillAppliedWhenForward() throws Exception {
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31617777778\",\"content\":{\"type\":\"text\","
                + "\"text\":\"race me\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id).path("status").asText()));
        // Two reports processed at once both read the message as `sent`; `delivered` commits first.
        MessageRecord stale = messages.find(id).orElseThrow();
        assertThat(messages.advance(stale, DeliveryStatus.DELIVERED, null, null, Instant.now())).isTrue();
        assertThat(messages.advance(stale, DeliveryStatus.READ, null, null, Instant.now())).isTrue();
        assertThat(status(id).path("status").asText()).isEqualTo("read");
        assertThat(messages.advance(stale, DeliveryStatus.DELIVERED, null, null, Instant.now())).isFalse();
        assertThat(status(id).path("status").asText()).isEqualTo("read");
    }

    @Test
    void statusWebhookBecomesAStatusEventOfTheSentMessage() throws Exception {
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31617777777\",\"content\":{\"type\":\"text\","
                + "\"text\":\"track me\"},\"metadata\":{\"t\":1}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id).path("status").asText()));
        String providerId = status(id).path("providerMessageId").asText();
        postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"statuses\":[{\"id\":\""
                + providerId + "\",\"status\":\"read\"}]}");
        List<TextMessage> read = receive(platform, "hub.events", tenantSelector() + " AND status = 'read'", 1, 5_000);
        assertThat(json(read.get(0).getText()).path("messageId").asText()).isEqualTo(id);
        assertThat(json(read.get(0).getText()).path("metadata").path("t").asInt()).isEqualTo(1);
        // Posted once `read` is through: two reports in flight at once may be processed in either order.
        postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"statuses\":[{\"id\":\""
                + providerId + "\",\"status\":\"delivered\"}]}");
        // delivered after read is late: recorded, but the message does not move back and no event says so
        assertThat(receive(platform, "hub.events", tenantSelector() + " AND status = 'delivered'", 1, 1_500)).isEmpty();
        assertThat(status(id).path("status").asText()).isEqualTo("read");
    }

    @Test
    void inboundMediaIsFetchedIntoHubStorageAndServedWithAPlatformToken() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x02, 0x03};
        PROVIDER.stubFor(get(urlPathEqualTo("/media/med-" + tenant)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"messages\":[{\"id\":"
                + "\"pm-media\",\"from\":\"+31688888888\",\"to\":\"+3120\",\"text\":\"photo\",\"mediaId\":\"med-"
                + tenant + "\",\"mime\":\"image/jpeg\"}]}");
        List<TextMessage> inbound = receive(platform, "hub.inbound", tenantSelector(), 1, 10_000);
        JsonNode content = json(inbound.get(0).getText()).path("content");
        assertThat(content.path("type").asText()).isEqualTo("media");
        assertThat(content.path("mediaType").asText()).isEqualTo("image");
        assertThat(content.path("caption").asText()).isEqualTo("photo");
        assertThat(content.path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        String mediaUrl = content.path("url").asText();
        assertThat(mediaUrl).startsWith("/api/v1/tenants/" + tenant + "/media/").doesNotContain(PROVIDER.baseUrl());
        HttpResponse<byte[]> media = HTTP.send(HttpRequest.newBuilder(URI.create(url(mediaUrl)))
                .header("Authorization", "Bearer " + PLATFORM).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo(jpeg);
        assertThat(media.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(send("GET", mediaUrl, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void disabledConnectorAcknowledgesWebhooksAndForwardsNothing() throws Exception {
        send("POST", "/admin/v1/tenants/" + tenant + "/connectors/test/disable", OPS, null);
        HttpResponse<String> r = postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account
                + "\",\"messages\":[{\"id\":\"pm-off\",\"from\":\"+31699999999\",\"to\":\"+3120\",\"text\":\"x\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(receive(platform, "hub.inbound", tenantSelector(), 1, 1_500)).isEmpty();
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31612121212\",\"content\":{\"type\":\"text\","
                + "\"text\":\"x\"}}", null).body()).path("id").asText();
        List<TextMessage> rejected = receive(platform, "hub.events", tenantSelector() + " AND status = 'rejected'", 1,
                5_000);
        assertThat(json(rejected.get(0).getText()).path("reason").path("code").asText()).isEqualTo("connector_disabled");
        assertThat(json(rejected.get(0).getText()).path("messageId").asText()).isEqualTo(id);
    }

    @Test
    void aPoisonPayloadInABatchHoldsNoneOfTheOthersBackAndIsDeadLetteredAlone() throws Exception {
        // Queued while the consumer is stopped, so all 21 are taken in one batch, which the poison fails.
        normalizeConsumer.stop();
        TestSwitches.poisonFails = true;
        try {
            assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"messages\":"
                    + "[{\"id\":\"pm-batch-poison\",\"from\":\"+31614141414\",\"to\":\"+3120\",\"text\":\"boom\","
                    + "\"poison\":true}]}").statusCode()).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account
                        + "\",\"messages\":[{\"id\":\"pm-batch-" + i + "\",\"from\":\"+3161414140" + (i % 3)
                        + "\",\"to\":\"+3120\",\"text\":\"fine " + i + "\"}]}").statusCode()).isEqualTo(200);
            }
        } finally {
            normalizeConsumer.start();
        }
        List<TextMessage> inbound = receive(platform, "hub.inbound", tenantSelector(), 21, 10_000);
        assertThat(inbound).as("every good message once, none lost with the failed batch").hasSize(20);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (TextMessage m : inbound) {
            ids.add(json(m.getText()).path("providerMessageId").asText());
        }
        assertThat(ids).hasSize(20).doesNotContain("pm-batch-poison");
        List<TextMessage> dead = receive(platform, "hub.dlq", tenantSelector(), 2, 15_000);
        assertThat(dead).hasSize(1);
        assertThat(json(dead.get(0).getText()).path("payload").asText()).contains("pm-batch-poison");
        assertThat(jdbc.sql("select count(*) from messages where tenant_id = ?").param(tenant).query(Long.class)
                .single()).as("the rolled-back batch left no duplicate records").isEqualTo(20L);
    }

    @Test
    void poisonPayloadIsDeadLetteredWithItsRawBodyAndReplayedOnceAfterAFix() throws Exception {
        String body = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pm-poison\",\"from\":\"+31613131313\","
                + "\"to\":\"+3120\",\"text\":\"boom\",\"poison\":true}]}";
        TestSwitches.poisonFails = true;
        assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, body).statusCode()).isEqualTo(200);
        List<TextMessage> dead = receive(platform, "hub.dlq", tenantSelector(), 1, 15_000);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getStringProperty("reasonCode")).isEqualTo("normalization_failed");
        assertThat(dead.get(0).getStringProperty("originalQueue")).isEqualTo("hub.intake");
        JsonNode envelope = json(dead.get(0).getText());
        assertThat(envelope.path("payload").asText()).isEqualTo(body);
        String deadId = envelope.path("id").asText();

        TestSwitches.poisonFails = false;
        try {
            assertThat(send("POST", "/admin/v1/dead-letters/" + deadId + "/replay", OPS, null).statusCode())
                    .isEqualTo(202);
            assertThat(send("POST", "/admin/v1/dead-letters/" + deadId + "/replay", OPS, null).statusCode())
                    .isEqualTo(409);
            List<TextMessage> inbound = receive(platform, "hub.inbound", tenantSelector(), 2, 5_000);
            assertThat(inbound).hasSize(1);
            assertThat(json(inbound.get(0).getText()).path("providerMessageId").asText()).isEqualTo("pm-poison");
        } finally {
            TestSwitches.poisonFails = true;
        }
    }

    @Test
    void freeFormOutsideTheServiceWindowIsRejectedBeforeAnyProviderCall() throws Exception {
        tenantWithTestConnector(tenant, "testwindow", account + "-w", secret);
        String id = json(submit("{\"channel\":\"testwindow\",\"to\":\"+31614141414\",\"content\":{\"type\":\"text\","
                + "\"text\":\"hello?\"}}", null).body()).path("id").asText();
        List<TextMessage> rejected = receive(platform, "hub.events", tenantSelector() + " AND status = 'rejected'", 1,
                5_000);
        assertThat(json(rejected.get(0).getText()).path("reason").path("code").asText())
                .isEqualTo("outside_service_window");
        assertThat(json(rejected.get(0).getText()).path("messageId").asText()).isEqualTo(id);

        postTestWebhook("/webhooks/testwindow/" + tenant, secret, "{\"account\":\"" + account + "-w\",\"messages\":"
                + "[{\"id\":\"pm-w\",\"from\":\"+31614141414\",\"to\":\"+3120\",\"text\":\"hi\"}]}");
        receive(platform, "hub.inbound", tenantSelector(), 1, 5_000);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "-w/messages")).willReturn(aResponse()
                .withStatus(200).withBody("{\"id\":\"w-1\"}")));
        String inside = json(submit("{\"channel\":\"testwindow\",\"to\":\"+31614141414\",\"content\":{\"type\":\"text\","
                + "\"text\":\"now it works\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(inside).path("status").asText()));
    }

    @Test
    void outsideTheServiceWindowAMessageTagCarriesTheMessageWhereItAppliesAndOnlyThen() throws Exception {
        tenantWithTestConnector(tenant, "testwindow", account + "-t", secret);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "-t/messages")).willReturn(aResponse()
                .withStatus(200).withBody("{\"id\":\"t-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        String to = "\"to\":\"+31614141415\",\"content\":{\"type\":\"text\",\"text\":\"uw afspraak\"}";

        HttpResponse<String> unknownTag = submit("{\"channel\":\"testwindow\"," + to + ",\"tag\":\"PROMO\"}", null);
        assertThat(unknownTag.statusCode()).isEqualTo(400);
        assertThat(json(unknownTag.body()).path("detail").asText()).contains("PROMO").contains("ACCOUNT_UPDATE");
        String update = json(submit("{\"channel\":\"testwindow\"," + to + ",\"tag\":\"ACCOUNT_UPDATE\"}", null)
                .body()).path("id").asText();
        String botAsAgentTag = json(submit("{\"channel\":\"testwindow\"," + to + ",\"tag\":\"HUMAN_AGENT\"}",
                null).body()).path("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(update).path("status").asText()));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/" + account + "-t/messages"))
                .withRequestBody(matchingJsonPath("$.hubId", equalTo(update)))
                .withRequestBody(matchingJsonPath("$.tag", equalTo("ACCOUNT_UPDATE"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(status(botAsAgentTag).path("status").asText()));
        assertThat(status(botAsAgentTag).toString()).contains("outside_service_window").contains("sentBy agent");
        assertThat(status(update).path("message").path("tag").asText()).isEqualTo("ACCOUNT_UPDATE");
        // HUMAN_AGENT needs a contact who wrote within 7 days, and a person as the writer
        String agentNoContact = json(submit("{\"channel\":\"testwindow\"," + to + ",\"tag\":\"HUMAN_AGENT\","
                + "\"sentBy\":\"agent\"}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(status(agentNoContact).path("status").asText()));
        assertThat(status(agentNoContact).toString()).contains("within 7 days");

        postTestWebhook("/webhooks/testwindow/" + tenant, secret, "{\"account\":\"" + account + "-t\",\"messages\":"
                + "[{\"id\":\"pm-t\",\"from\":\"+31614141415\",\"to\":\"+3120\",\"text\":\"hoi\"}]}");
        receive(platform, "hub.inbound", tenantSelector(), 1, 5_000);
        String inside = json(submit("{\"channel\":\"testwindow\"," + to + ",\"tag\":\"ACCOUNT_UPDATE\"}", null)
                .body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(inside).path("status").asText()));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/" + account + "-t/messages"))
                .withRequestBody(matchingJsonPath("$.hubId", equalTo(inside)))
                .withRequestBody(WireMock.notContaining("\"tag\"")));
    }

    @Test
    void aReadWatermarkMovesEveryMessageSentBeforeItForwardAndNoneAfterIt() throws Exception {
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse()
                .withStatus(200).withBody("{\"id\":\"wm-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        String to = "+31616161616";
        String first = json(submit("{\"channel\":\"test\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"een\"}}", null).body()).path("id").asText();
        String second = json(submit("{\"channel\":\"test\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"twee\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(second).path("status").asText()));
        Instant watermark = Instant.now();
        Thread.sleep(20); // the third is sent strictly after the watermark
        String third = json(submit("{\"channel\":\"test\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"drie\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(third).path("status").asText()));
        String read = "{\"account\":\"" + account + "\",\"statuses\":[{\"status\":\"read\",\"recipient\":\"" + to
                + "\",\"watermark\":\"" + watermark + "\"}]}";

        assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, read).statusCode()).isEqualTo(200);

        List<TextMessage> events = receive(platform, "hub.events", tenantSelector() + " AND status = 'read'", 3, 5_000);
        assertThat(events).extracting(m -> json(m.getText()).path("messageId").asText())
                .containsExactlyInAnyOrder(first, second);
        assertThat(status(first).path("status").asText()).isEqualTo("read");
        assertThat(status(third).path("status").asText()).isEqualTo("sent");
        assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, read.replace("\"read\"", "\"delivered\""))
                .statusCode()).isEqualTo(200);
        assertThat(receive(platform, "hub.events", tenantSelector() + " AND status = 'delivered'", 1, 2_000))
                .as("a later delivery watermark never moves a read message back").isEmpty();
    }

    @Test
    void anEchoOfWhatTheBusinessSentElsewhereIsPublishedAsOutboundAndTheEchoOfTheHubsOwnSendIsNot() throws Exception {
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse()
                .withStatus(200).withBody("{\"id\":\"own-1\"}")));
        String contact = "+31617171717";
        String own = json(submit("{\"channel\":\"test\",\"to\":\"" + contact + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"van de hub\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(own).path("status").asText()));

        String echoes = "{\"account\":\"" + account + "\",\"messages\":["
                + "{\"id\":\"own-1\",\"echo\":true,\"hubId\":\"" + own + "\",\"from\":\"+3120\",\"to\":\"" + contact
                + "\",\"text\":\"van de hub\"},"
                + "{\"id\":\"suite-1\",\"echo\":true,\"from\":\"+3120\",\"to\":\"" + contact
                + "\",\"text\":\"vanuit Business Suite\"}]}";
        assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, echoes).statusCode()).isEqualTo(200);
        assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, echoes + " ").statusCode()).isEqualTo(200);

        List<TextMessage> published = receive(platform, "hub.inbound", tenantSelector(), 3, 5_000);
        assertThat(published).hasSize(1);
        JsonNode echo = json(published.get(0).getText());
        assertThat(echo.path("direction").asText()).isEqualTo("outbound");
        assertThat(echo.path("providerMessageId").asText()).isEqualTo("suite-1");
        assertThat(echo.path("to").path("address").asText()).isEqualTo(contact);
        assertThat(echo.path("content").path("text").asText()).isEqualTo("vanuit Business Suite");
        assertThat(echo.path("conversationId").asText()).isEqualTo(status(own).path("conversationId").asText());
        assertThat(status(echo.path("id").asText()).path("status").asText()).isEqualTo("sent");
    }

    @Test
    void aRefusedTokenMakesTheConnectorUnhealthyAndTellsThePlatformOnceWithAConnectorHealthEvent() throws Exception {
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31618181818")))
                .willReturn(aResponse().withStatus(401)));
        for (int i = 0; i < 2; i++) {
            submit("{\"channel\":\"test\",\"to\":\"+31618181818\",\"content\":{\"type\":\"text\",\"text\":\"t"
                    + i + "\"}}", null);
        }

        List<TextMessage> health = receive(platform, "hub.events", tenantSelector() + " AND type = 'connector_health'"
                + " AND health = 'unhealthy'", 2, 5_000);
        assertThat(health).hasSize(1);
        JsonNode event = json(health.get(0).getText());
        assertThat(event.path("type").asText()).isEqualTo("connector_health");
        assertThat(event.path("channel").asText()).isEqualTo("test");
        assertThat(event.path("health").asText()).isEqualTo("unhealthy");
        assertThat(event.path("detail").asText()).contains("token refused");
        assertThat(receive(platform, "hub.events", tenantSelector() + " AND status = 'failed'", 2, 5_000)).hasSize(2);
    }

    @Test
    void aChannelThatCannotTakeMessagesBackAnswers422AndChangesNothing() throws Exception {
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31619191919\",\"content\":{\"type\":\"text\","
                + "\"text\":\"blijft\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !"accepted".equals(status(id).path("status").asText()));
        String before = status(id).path("status").asText();

        HttpResponse<String> refused = send("DELETE", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM, null);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(status(id).path("status").asText()).isEqualTo(before);
        assertThat(send("DELETE", "/api/v1/tenants/" + tenant + "/messages/" + id, SCOPED, null).statusCode())
                .as("another tenant's token").isEqualTo(403);
    }

    @Test
    void optOutKeywordRejectsLaterOutboundUntilOptIn() throws Exception {
        postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"messages\":[{\"id\":"
                + "\"pm-stop\",\"from\":\"+31615151515\",\"to\":\"+3120\",\"text\":\"STOP\"}]}");
        receive(platform, "hub.inbound", tenantSelector(), 1, 5_000);
        submit("{\"channel\":\"test\",\"to\":\"+31615151515\",\"content\":{\"type\":\"text\",\"text\":\"promo\"}}", null);
        List<TextMessage> rejected = receive(platform, "hub.events", tenantSelector() + " AND status = 'rejected'", 1,
                5_000);
        assertThat(json(rejected.get(0).getText()).path("reason").path("code").asText()).isEqualTo("opted_out");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31615151515")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("promo"))));
        // only the hub's confirmation reached the contact, in Dutch (a Dutch number; STOP is Dutch too)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PROVIDER.verify(1,
                postRequestedFor(urlEqualTo("/" + account + "/messages"))
                        .withRequestBody(matchingJsonPath("$.to", equalTo("+31615151515")))
                        .withRequestBody(matchingJsonPath("$.text", WireMock.containing("Je bent afgemeld")))));

        postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"messages\":[{\"id\":"
                + "\"pm-start\",\"from\":\"+31615151515\",\"to\":\"+3120\",\"text\":\"start\"}]}");
        receive(platform, "hub.inbound", tenantSelector(), 1, 5_000);
        String id = json(submit("{\"channel\":\"test\",\"to\":\"+31615151515\",\"content\":{\"type\":\"text\","
                + "\"text\":\"welcome back\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id).path("status").asText()));
    }

    @Test
    void retentionErasesOldMessagesAndContactErasureRemovesAContactEverywhere() throws Exception {
        String old = json(submit("{\"channel\":\"test\",\"to\":\"+31616161616\",\"content\":{\"type\":\"text\","
                + "\"text\":\"old\"}}", null).body()).path("id").asText();
        String recent = json(submit("{\"channel\":\"test\",\"to\":\"+31617171717\",\"content\":{\"type\":\"text\","
                + "\"text\":\"recent\"}}", null).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(old).path("status").asText())
                && "sent".equals(status(recent).path("status").asText()));
        jdbc.sql("update messages set created_at = ? where id = ?")
                .params(java.time.OffsetDateTime.now().minusDays(600), old).update();
        // While another instance runs housekeeping (it holds the lock in the shared database), this one skips it.
        SimpleLock otherInstance = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("shedlock").usingDbTime().build())
                .lock(new LockConfiguration(Instant.now(), "housekeeping", Duration.ofMinutes(5), Duration.ZERO))
                .orElseThrow();
        housekeeping.run();
        assertThat(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + old, PLATFORM, null).statusCode())
                .isEqualTo(200);
        otherInstance.unlock();
        housekeeping.run();
        assertThat(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + old, PLATFORM, null).statusCode())
                .isEqualTo(404);
        assertThat(status(recent).path("status").asText()).isEqualTo("sent");

        HttpResponse<String> erased = send("DELETE", "/admin/v1/tenants/" + tenant + "/contacts/%2B31617171717", OPS,
                null);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(json(erased.body()).path("messagesErased").asInt()).isEqualTo(1);
        assertThat(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + recent, PLATFORM, null).statusCode())
                .isEqualTo(404);
    }
}
