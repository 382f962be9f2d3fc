package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ops' "test connection": a real login against GreenMail's SMTP and IMAP. */
class EmailCredentialCheckTest {
    @RegisterExtension
    static GreenMailExtension greenMail = TestMailboxes.greenMail();

    private final EmailConnector connector = TestEnvironment.connector();

    @Test
    void goodCredentialsPassSmtpAndImap() {
        CredentialCheck check = connector.checkCredentials(TestMailboxes.tenant(greenMail));

        assertThat(check.outcome()).isEqualTo(CredentialCheck.Outcome.OK);
        assertThat(check.detail()).contains("SMTP and IMAP");
    }

    @Test
    void aWrongPasswordIsRejectedWithoutShowingIt() {
        CredentialCheck check = connector.checkCredentials(
                TestMailboxes.tenant(TestMailboxes.settings(greenMail), "wrong-Pa55word"));

        assertThat(check.outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(check.detail()).doesNotContain("wrong-Pa55word");
    }

    @Test
    void anUnreachableServerIsUnreachable() throws Exception {
        Map<String, String> settings = new HashMap<>(TestMailboxes.settings(greenMail));
        try (ServerSocket free = new ServerSocket(0)) {
            settings.put("smtpPort", String.valueOf(free.getLocalPort()));
        }

        assertThat(connector.checkCredentials(TestMailboxes.tenant(settings, TestMailboxes.PASSWORD)).outcome())
                .isEqualTo(CredentialCheck.Outcome.UNREACHABLE);
    }

    @Test
    void missingSettingsOrPasswordAreRejectedNotThrown() {
        TenantConnector noPassword = new TenantConnector(TestMailboxes.TENANT, "email",
                TestMailboxes.settings(greenMail), Secrets.none());
        TenantConnector badPort = TestMailboxes.tenant(Map.of("fromAddress", TestMailboxes.SHOP,
                "smtpHost", "127.0.0.1", "smtpPort", "smtp"), TestMailboxes.PASSWORD);

        assertThat(connector.checkCredentials(noPassword).outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(connector.checkCredentials(badPort).outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
    }
}
