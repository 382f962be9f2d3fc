package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.TenantConnector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SMTP replies GreenMail does not give, from a scripted server: 4xx may pass later, 5xx will not. */
class EmailSmtpFailuresTest {
    private final EmailConnector connector = TestEnvironment.connector();

    @Test
    void a451OnTheRecipientIsTransient() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().reply("RCPT", "451 4.7.1 Greylisted, try again later"));

        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        assertThat(e.providerCode()).isEqualTo("451");
    }

    @Test
    void a550UnknownMailboxIsAnInvalidAddress() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer()
                .reply("RCPT", "550 5.1.1 <jan.devries@example.nl>: Recipient address rejected: User unknown"));

        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
        assertThat(e.providerCode()).isEqualTo("550");
        assertThat(e.getMessage()).contains("User unknown");
    }

    @Test
    void a550PolicyRefusalOfTheRecipientIsARejection() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().reply("RCPT", "550 5.7.1 Relaying denied"));

        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void a554AfterTheContentIsARejection() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().reply("DOT", "554 5.7.1 Message rejected as spam"));

        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(e.providerCode()).isEqualTo("554");
    }

    @Test
    void a452AfterTheContentIsTransient() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().reply("DOT", "452 4.3.1 Insufficient system storage"));

        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.providerCode()).isEqualTo("452");
    }

    @Test
    void aRefusedSenderIsARejection() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().reply("MAIL", "553 5.7.1 Sender address rejected"));

        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void a421GreetingIsTransient() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().reply("GREETING", "421 4.3.2 Service shutting down"));

        assertThat(e).isInstanceOf(TransientChannelException.class);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsTransient() throws Exception {
        ChannelException e = sendVia(new ScriptedSmtpServer().silent());

        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
    }

    private ChannelException sendVia(ScriptedSmtpServer server) throws Exception {
        try (server) {
            server.start();
            TenantConnector tenant = new TenantConnector(TestMailboxes.TENANT, "email", Map.of(
                    "fromAddress", TestMailboxes.SHOP, "smtpHost", "127.0.0.1",
                    "smtpPort", String.valueOf(server.port()), "smtpSecurity", "none"),
                    io.channelhub.core.spi.Secrets.of(Map.of("password", TestMailboxes.PASSWORD)));
            Throwable t = catchThrowable(() -> connector.sender().send(Outbound.of(TextContent.of("Hallo")).build(), tenant));
            assertThat(t).isInstanceOf(ChannelException.class);
            assertThat(t.getMessage()).doesNotContain(TestMailboxes.PASSWORD);
            return (ChannelException) t;
        }
    }
}
