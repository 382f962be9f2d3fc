package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;
import java.util.List;

/**
 * One tenant's mailbox settings (CONTRACT §4), read from its {@link TenantConnector}. Holds no secret:
 * the password is read from the connector's secrets only where a connection is opened.
 */
record EmailSettings(
        String fromAddress,
        String fromName,
        String smtpHost,
        int smtpPort,
        EmailSecurity smtpSecurity,
        String imapHost,
        int imapPort,
        EmailSecurity imapSecurity,
        String imapFolder,
        String username,
        Duration pollInterval) {

    static final List<String> KEYS = List.of("fromAddress", "fromName", "smtpHost", "smtpPort", "smtpSecurity",
            "imapHost", "imapPort", "imapSecurity", "imapFolder", "username", "pollSeconds");
    static final String PASSWORD = "password";
    static final Duration DEFAULT_POLL = Duration.ofSeconds(60);
    // Mail servers throttle or block clients that log in every second or two.
    static final Duration MIN_POLL = Duration.ofSeconds(5);

    /**
     * Reads and checks the settings. Invalid settings cannot be fixed by retrying, so they are reported
     * like refused credentials: the connector shows as unhealthy until ops correct them.
     */
    static EmailSettings of(TenantConnector c) {
        try {
            int smtpPort = port(c, "smtpPort", null);
            EmailSecurity imapSecurity = EmailSecurity.parse(c.setting("imapSecurity").orElse(null),
                    port(c, "imapPort", 993), 993);
            return new EmailSettings(
                    c.requireSetting("fromAddress").trim(),
                    c.setting("fromName").map(String::trim).orElse(null),
                    c.requireSetting("smtpHost").trim(),
                    smtpPort,
                    EmailSecurity.parse(c.setting("smtpSecurity").orElse(null), smtpPort, 465),
                    c.setting("imapHost").map(String::trim).orElse(null),
                    port(c, "imapPort", imapSecurity == EmailSecurity.TLS ? 993 : 143),
                    imapSecurity,
                    c.setting("imapFolder").map(String::trim).orElse("INBOX"),
                    c.setting("username").map(String::trim).orElse(null),
                    pollInterval(c));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw PermanentChannelException.credentials(null, "email settings invalid: " + e.getMessage());
        }
    }

    /** The poll interval alone; never fails, so the hub can always schedule the poller. */
    static Duration pollInterval(TenantConnector c) {
        try {
            Duration d = c.setting("pollSeconds").map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
                    .orElse(DEFAULT_POLL);
            return d.compareTo(MIN_POLL) < 0 ? MIN_POLL : d;
        } catch (NumberFormatException e) {
            return DEFAULT_POLL;
        }
    }

    /** The password secret, or a credentials failure when none is configured or no login can carry it. */
    static String password(TenantConnector c) {
        String password = c.secrets().get(PASSWORD).orElseThrow(() -> PermanentChannelException.credentials(null,
                "email connector of tenant " + c.tenantId() + " has no password"));
        CredentialValues.lineProblem(PASSWORD, password).ifPresent(problem -> {
            throw PermanentChannelException.credentials(null, problem);
        });
        return password;
    }

    /** The login name: {@code username}, or the sender address when the mailbox logs in with it. */
    String login() {
        return username != null ? username : fromAddress;
    }

    boolean pollsImap() {
        return imapHost != null;
    }

    private static int port(TenantConnector c, String key, Integer fallback) {
        String value = fallback == null ? c.requireSetting(key) : c.setting(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        int port = Integer.parseInt(value.trim());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " out of range: " + port);
        }
        return port;
    }
}
