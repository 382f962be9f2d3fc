package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.channelhub.core.error.PermanentChannelException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tenant settings: defaults by port, and bad values reported as a configuration problem. */
class EmailSettingsTest {

    @Test
    void securityAndPortsDefaultToTheUsualChoices() {
        EmailSettings s = EmailSettings.of(TestMailboxes.tenant(Map.of("fromAddress", "shop@dealer.example",
                "smtpHost", "smtp.dealer.example", "smtpPort", "465", "imapHost", "imap.dealer.example"), "pw"));

        assertThat(s.smtpSecurity()).isEqualTo(EmailSecurity.TLS);
        assertThat(s.imapSecurity()).isEqualTo(EmailSecurity.TLS);
        assertThat(s.imapPort()).isEqualTo(993);
        assertThat(s.imapFolder()).isEqualTo("INBOX");
        assertThat(s.login()).isEqualTo("shop@dealer.example");
        assertThat(EmailSettings.of(TestMailboxes.tenant(Map.of("fromAddress", "a@b.example", "smtpHost", "h",
                "smtpPort", "587", "imapPort", "143"), "pw")))
                .satisfies(t -> {
                    assertThat(t.smtpSecurity()).isEqualTo(EmailSecurity.STARTTLS);
                    assertThat(t.imapSecurity()).isEqualTo(EmailSecurity.STARTTLS);
                    assertThat(t.pollsImap()).isFalse();
                });
    }

    @Test
    void invalidSettingsMarkTheConnectorUnhealthy() {
        for (Map<String, String> bad : java.util.List.of(
                Map.of("fromAddress", "a@b.example", "smtpHost", "h", "smtpPort", "99999"),
                Map.of("fromAddress", "a@b.example", "smtpHost", "h", "smtpPort", "587", "smtpSecurity", "ssl3"),
                Map.of("smtpHost", "h", "smtpPort", "587"))) {
            PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                    () -> EmailSettings.of(TestMailboxes.tenant(bad, "pw")));
            assertThat(e.credentialsRejected()).as(bad.toString()).isTrue();
        }
    }

    @Test
    void unparsableSettingsAndAPasswordNoLoginCanCarryAreConfigurationProblemsNamedByField() {
        EmailConnector connector = TestEnvironment.connector();
        Map<String, String> good = Map.of("fromAddress", "a@b.example", "smtpHost", "h", "smtpPort", "587");

        assertThat(connector.configurationProblems(TestMailboxes.tenant(good, "Pass word é!"))).isEmpty();
        assertThat(connector.configurationProblems(TestMailboxes.tenant(Map.of("fromAddress", "a@b.example",
                "smtpHost", "h", "smtpPort", "99999"), "pw"))).singleElement().asString().contains("smtpPort");
        for (String spoiled : java.util.List.of("Secret-1\n", "Sec\r\nret-1", "Secret\u0000-1", "Secret-1\u007f")) {
            assertThat(connector.configurationProblems(TestMailboxes.tenant(good, spoiled)))
                    .singleElement().asString().contains("'password'").doesNotContain("Secret");
            PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                    () -> EmailSettings.password(TestMailboxes.tenant(good, spoiled)));
            assertThat(e.credentialsRejected()).isTrue();
            assertThat(e.getMessage()).doesNotContain("Secret");
        }
    }

    @Test
    void settingsNeverHoldThePassword() {
        EmailSettings s = EmailSettings.of(TestMailboxes.tenant(Map.of("fromAddress", "a@b.example", "smtpHost", "h",
                "smtpPort", "587"), "Very-Secret-1"));

        assertThat(s.toString()).doesNotContain("Very-Secret-1");
    }
}
