package io.channelhub.app.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.app.support.HubTestBase;
import io.channelhub.core.model.HubJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A submission the broker would not take after it was recorded is answered 503 and leaves nothing behind: no
 * message that a later one of its conversation would wait for and queue again, so nothing the platform was told
 * "not accepted" is sent; its Idempotency-Key is free, so the platform's retry is a new submission that is sent.
 */
class SubmissionNotQueuedTest extends HubTestBase {
    static final String TENANT = "not-queued-dealer";
    static final String ACCOUNT = "acct-not-queued";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.test.context", () -> "its own: it changes the broker's settings"); // not a shared context
    }

    @Autowired
    EmbeddedActiveMQ broker;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSubmissionTheBrokerRefusesIsAnswered503AndWithdrawn() throws Exception {
        tenantWithTestConnector(TENANT, "test", ACCOUNT, "s-not-queued");
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + ACCOUNT + "/messages")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"nq-{{randomValue length=10 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        long before = messagesOfTenant();

        // hub.events full and refusing: the submission's accepted event cannot be queued with its dispatch item
        var settings = broker.getActiveMQServer().getAddressSettingsRepository();
        settings.addMatch("hub.events", new AddressSettings().setMaxSizeBytes(1)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
        HttpResponse<String> refused;
        try {
            publishAnEvent();
            refused = submit("key-1", "refused");
        } finally {
            settings.removeMatch("hub.events");
            // what made it full goes too: the store stays full for as long as it holds more than the limit
            broker.getActiveMQServer().locateQueue(SimpleString.of("hub.events")).deleteAllReferences();
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(messagesOfTenant()).as("nothing recorded stays").isEqualTo(before);

        // as the platform would: retried until taken (the broker's client learns the address has room again when
        // the broker grants it credit, not at once)
        var answers = new java.util.ArrayList<HttpResponse<String>>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answers.add(submit("key-1", "retried"));
            return answers.getLast().statusCode() != 503;
        });
        HttpResponse<String> retried = answers.getLast();
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        String id = HubJson.mapper().readTree(retried.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(jdbc.sql(
                "select status from messages where id = ?").param(id).query(String.class).single()));
        assertThat(PROVIDER.findAll(postRequestedFor(urlEqualTo("/" + ACCOUNT + "/messages"))).stream()
                .map(r -> r.getBodyAsString()).filter(body -> !body.contains("fills hub.events")))
                .as("only the retry was sent").singleElement().asString().contains("retried");
    }

    /** At least one message on hub.events, so that its address is over its one-byte limit (refused if it is). */
    private void publishAnEvent() {
        assertThat(submit("key-0", "fills hub.events").statusCode()).isIn(202, 503);
    }

    private long messagesOfTenant() {
        return jdbc.sql("select count(*) from messages where tenant_id = ? and body not like '%fills hub.events%'")
                .param(TENANT).query(Long.class).single();
    }

    private HttpResponse<String> submit(String key, String text) {
        return call(HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/" + TENANT + "/messages")))
                .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"test\",\"to\":\"+31610000003\","
                        + "\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}")).build());
    }
}
