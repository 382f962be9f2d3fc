package io.channelhub.app.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.email.ScriptedImapServer;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mailbox whose server refuses one mail (a damaged mail file) through the running hub: every other mail
 * reaches the platform at once; the bad one is tried at a few polls, then dead-lettered with its headers,
 * set aside on the server (marked, not deleted) and shown to ops as the connector's {@code degraded} health.
 */
class MailboxIsolationTest extends ChannelHubTest {
    /** Three polls at the connector's minimum interval of 5 s, and some slack. */
    private static final long SET_ASIDE_WAIT_MILLIS = 30_000;
    private static final String MAIL = """
            From: Jan <jan@klant.example>
            To: shop@dealer.example
            Subject: %s
            Message-ID: <%s@klant.example>
            Date: Thu, 3 Dec 2026 10:00:00 +0100
            Content-Type: text/plain; charset=utf-8

            %s
            """;
    private ScriptedImapServer imap;

    @BeforeEach
    void mailboxWithADamagedMailBetweenTwoGoodOnes() {
        imap = new ScriptedImapServer()
                .mail(MAIL.formatted("Golf", "first-" + tenant, "Is de Golf nog beschikbaar?"))
                .refusedMail(MAIL.formatted("kapot", "damaged-" + tenant, "never readable"))
                .mail(MAIL.formatted("Polo", "third-" + tenant, "En de Polo?"))
                .start();
    }

    @AfterEach
    void stopPolling() throws Exception {
        send("POST", "/admin/v1/tenants/" + tenant + "/connectors/email/disable", OPS, null);
        imap.close();
    }

    @Test
    void theOtherMailsArriveAndTheUnreadableOneIsSetAsideDeadLetteredAndShownToOps() throws Exception {
        createTenant();
        putConnector("email", """
                {"enabled":true,
                 "settings":{"fromAddress":"shop@dealer.example","smtpHost":"127.0.0.1","smtpPort":"2525",
                             "smtpSecurity":"none","imapHost":"127.0.0.1","imapPort":"%d","imapSecurity":"none",
                             "pollSeconds":"5"},
                 "secrets":{"password":"mailbox-Pa55"}}""".formatted(imap.port()));

        List<TextMessage> inbound = inbound(2, 15_000);
        assertThat(inbound).extracting(m -> json(m.getText()).path("content").path("text").asText().strip())
                .containsExactly("Is de Golf nog beschikbaar?", "En de Polo?");

        List<TextMessage> dead = receive(platform, "hub.dlq", "tenantId = '" + tenant + "'", 1, SET_ASIDE_WAIT_MILLIS);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getStringProperty("reasonCode")).isEqualTo("unreadable_inbound");
        assertThat(dead.get(0).getIntProperty("attempts")).isEqualTo(3);
        JsonNode letter = json(dead.get(0).getText());
        assertThat(letter.path("payload").asText()).contains("Message-ID: <damaged-" + tenant + "@klant.example>");
        assertThat(letter.path("detail").asText()).contains("could not be read");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(imap.flags(1)).contains("$HubSetAside", "$HubProcessed").doesNotContain("\\Deleted"));
        List<TextMessage> healthEvents = receive(platform, "hub.events", "tenantId = '" + tenant
                + "' AND type = 'connector_health' AND channel = 'email'", 3, 2_000);
        assertThat(healthEvents).extracting(m -> json(m.getText()).path("health").asText()).contains("degraded");
        JsonNode connector = connectorView("email");
        assertThat(connector.path("health").asText()).isEqualTo("degraded");
        assertThat(connector.path("healthDetail").asText()).contains("set aside").contains("dead letters");
        JsonNode health = json(send("GET", "/actuator/health", OPS, null).body());
        assertThat(health.path("components").path("connectors").path("details").path("degraded"))
                .extracting(JsonNode::asText).contains(tenant + "/email");
        JsonNode listed = json(send("GET", "/admin/v1/dead-letters?tenantId=" + tenant, OPS, null).body());
        assertThat(listed).singleElement().satisfies(d ->
                assertThat(d.path("reasonCode").asText()).isEqualTo("unreadable_inbound"));

        assertThat(receive(platform, "hub.dlq", "tenantId = '" + tenant + "'", 1, 6_000))
                .as("set aside once, not again at the next poll").isEmpty();
        assertThat(inbound(1, 1_000)).isEmpty();
    }
}
