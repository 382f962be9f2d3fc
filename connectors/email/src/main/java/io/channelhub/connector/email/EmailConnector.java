package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ComposedConnector;
import io.channelhub.core.spi.ConnectorParts;
import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The email channel: each tenant's own mailbox, sent to by SMTP and polled by IMAP. No webhooks and no
 * service window; outbound text (with an optional HTML alternative) and media (as an attachment).
 */
public final class EmailConnector extends ComposedConnector {
    static final String CHANNEL = "email";

    private static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            CHANNEL,
            "Email",
            ChannelDescriptor.AddressFormat.EMAIL,
            Set.of(ContentType.TEXT, ContentType.MEDIA),
            null,
            Set.of(),
            EmailSettings.KEYS,
            List.of(EmailSettings.PASSWORD),
            Set.of("fromAddress", "smtpHost", "smtpPort"),
            List.of(Set.of(EmailSettings.PASSWORD)),
            null);

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("fromAddress", "The address mails are sent from; the only sender allowed for this tenant."),
            Map.entry("fromName", "The display name beside fromAddress; also the subject when a message has none."),
            Map.entry("smtpHost", "The SMTP server that sends the mails."),
            Map.entry("smtpPort", "The SMTP port, such as 587 (STARTTLS) or 465 (TLS)."),
            Map.entry("smtpSecurity", "none, starttls or tls; default tls on port 465, else starttls."),
            Map.entry("imapHost", "The IMAP server polled for replies; leave empty for no inbound mail."),
            Map.entry("imapPort", "The IMAP port; default 993 (or 143 without TLS)."),
            Map.entry("imapSecurity",
                    "none, starttls or tls; default tls unless imapPort is something other than 993."),
            Map.entry("imapFolder", "The folder polled for mail; default INBOX."),
            Map.entry("username", "The login for SMTP and IMAP; default fromAddress."),
            Map.entry("pollSeconds", "How often the mailbox is polled, in seconds; default 60, at least 5."),
            Map.entry("password", "The password of the mailbox login (SMTP and IMAP)."));

    EmailConnector(EmailHubConfig hub) {
        super(ConnectorParts.of(DESCRIPTOR, new EmailInboundNormalizer(hub),
                        new EmailOutboundSender(hub, new EmailMimeComposer(hub, new EmailAttachmentLoader(hub))))
                .poller(new EmailInboundPoller(hub))
                .mediaFetcher(new EmailMediaFetcher())
                .credentialCheck(new EmailCredentialChecker(hub)::check)
                .configurationProblems(EmailConnector::settingsProblems)
                .fieldDescriptions(FIELD_DESCRIPTIONS));
    }

    /** Settings that cannot be parsed (a port that is no number) and a password no login command can carry. */
    private static List<String> settingsProblems(TenantConnector connector) {
        List<String> problems = new ArrayList<>();
        try {
            EmailSettings.of(connector);
        } catch (PermanentChannelException e) {
            problems.add(e.getMessage());
        }
        connector.secrets().get(EmailSettings.PASSWORD)
                .flatMap(p -> CredentialValues.lineProblem(EmailSettings.PASSWORD, p)).ifPresent(problems::add);
        return problems;
    }
}
