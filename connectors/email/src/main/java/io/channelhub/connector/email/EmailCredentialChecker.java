package io.channelhub.connector.email;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;

/**
 * Logs in to the tenant's SMTP server, and to its IMAP server when one is configured, then logs out.
 * A refused login is {@code rejected}; a server that cannot be reached is {@code unreachable}. Never throws.
 */
final class EmailCredentialChecker {
    private final EmailHubConfig hub;

    EmailCredentialChecker(EmailHubConfig hub) {
        this.hub = hub;
    }

    CredentialCheck check(TenantConnector connector) {
        EmailSettings settings;
        String password;
        try {
            settings = EmailSettings.of(connector);
            password = EmailSettings.password(connector);
        } catch (ChannelException e) {
            return CredentialCheck.rejected(e.getMessage());
        }
        try {
            CredentialCheck smtp = login("SMTP", EmailSessions.smtp(settings, hub)
                    .getTransport(EmailSessions.smtpProtocol(settings)),
                    settings.smtpHost(), settings.smtpPort(), settings.login(), password);
            if (smtp != null || !settings.pollsImap()) {
                return smtp != null ? smtp : CredentialCheck.ok("SMTP login accepted");
            }
            CredentialCheck imap = login("IMAP", EmailSessions.imap(settings, hub)
                    .getStore(EmailSessions.imapProtocol(settings)),
                    settings.imapHost(), settings.imapPort(), settings.login(), password);
            return imap != null ? imap : CredentialCheck.ok("SMTP and IMAP logins accepted");
        } catch (MessagingException | RuntimeException e) {
            return CredentialCheck.unreachable("mail check failed: " + e.getClass().getSimpleName());
        }
    }

    /** Null when the login worked, else the failed check. */
    private static CredentialCheck login(String what, Service service, String host, int port, String user,
                                         String password) {
        try {
            service.connect(host, port, user, password);
            return null;
        } catch (AuthenticationFailedException e) {
            return CredentialCheck.rejected(what + " server refused the login: " + e.getMessage());
        } catch (MessagingException e) {
            return CredentialCheck.unreachable(what + " server " + host + ":" + port + " unreachable: "
                    + e.getClass().getSimpleName());
        } finally {
            try {
                service.close();
            } catch (MessagingException ignored) {
                // logging out is a courtesy
            }
        }
    }
}
