package io.channelhub.connector.email;

import io.channelhub.core.spi.ConnectorEnvironment;
import java.time.Clock;
import java.time.Duration;

/**
 * Hub configuration of the email connector ({@code hub.channels.email.*}), the same for every tenant.
 *
 * @param timeout            connect and read timeout of SMTP, IMAP and attachment downloads
 * @param hubDomain          right-hand side of the Message-IDs the hub makes
 * @param trustAllTls        accept any TLS certificate (local test servers only)
 * @param maxAttachmentBytes largest outbound attachment the sender downloads
 * @param maxMessagesPerPoll most messages one poll hands over; the rest wait for the next poll
 */
record EmailHubConfig(Duration timeout, String hubDomain, boolean trustAllTls, long maxAttachmentBytes,
                      int maxMessagesPerPoll, Clock clock) {

    static EmailHubConfig from(ConnectorEnvironment env) {
        return new EmailHubConfig(
                env.duration("timeout", Duration.ofSeconds(10)),
                env.property("hub-domain", "channel-hub.local").trim(),
                Boolean.parseBoolean(env.property("trust-all-tls", "false").trim()),
                Long.parseLong(env.property("max-attachment-bytes", String.valueOf(25L * 1024 * 1024)).trim()),
                Integer.parseInt(env.property("max-messages-per-poll", "200").trim()),
                env.clock());
    }

    String timeoutMillis() {
        return String.valueOf(timeout.toMillis());
    }
}
