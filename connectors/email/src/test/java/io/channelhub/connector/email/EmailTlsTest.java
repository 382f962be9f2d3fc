package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMTPS and IMAPS (TLS from the first byte) against GreenMail's self-signed certificate. */
class EmailTlsTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(TestMailboxes.SHOP, TestMailboxes.SHOP,
                    TestMailboxes.PASSWORD));

    @Test
    void sendsAndPollsOverTlsWhenTheHubTrustsTheTestCertificate() {
        ChannelConnector connector = new EmailConnectorFactory().create(new TestEnvironment().with("trust-all-tls", "true"));

        connector.sender().send(Outbound.of(TextContent.of("Over TLS")).to(new io.channelhub.core.model.Party(
                TestMailboxes.SHOP, null)).build(), tenant());
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        List<InboundPayload> polled = new ArrayList<>();
        connector.poller().orElseThrow().poll(tenant(), TestSinks.accepting(polled::add));

        assertThat(polled).hasSize(1);
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        ChannelConnector connector = TestEnvironment.connector();

        assertThatThrownBy(() -> connector.sender().send(Outbound.of(TextContent.of("Over TLS")).build(), tenant()))
                .isInstanceOf(TransientChannelException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static TenantConnector tenant() {
        Map<String, String> settings = new HashMap<>();
        settings.put("fromAddress", TestMailboxes.SHOP);
        settings.put("smtpHost", "127.0.0.1");
        settings.put("smtpPort", String.valueOf(greenMail.getSmtps().getPort()));
        settings.put("smtpSecurity", "tls");
        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", String.valueOf(greenMail.getImaps().getPort()));
        settings.put("imapSecurity", "tls");
        return TestMailboxes.tenant(settings, TestMailboxes.PASSWORD);
    }
}
