package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.InboundPoller;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Polls the tenant's IMAP folder. Each message not yet marked processed is handed to the sink as its
 * raw RFC 822 bytes, and only once the sink returned (the hub queued it durably) is it marked processed
 * on the server: with the keyword {@value #PROCESSED_KEYWORD} where the folder allows keywords
 * (PERMANENTFLAGS \*), else with \Seen. A crash between hand-over and marking re-offers that one message;
 * the hub drops the duplicate by Message-ID. Messages are read with BODY.PEEK, so the owner's unread
 * state is left alone whenever the keyword can be used.
 */
public final class EmailInboundPoller implements InboundPoller {
    static final String PROCESSED_KEYWORD = "$HubProcessed";
    private static final System.Logger LOG = System.getLogger(EmailInboundPoller.class.getName());

    private final EmailHubConfig hub;

    EmailInboundPoller(EmailHubConfig hub) {
        this.hub = hub;
    }

    @Override
    public Duration interval(TenantConnector connector) {
        return EmailSettings.pollInterval(connector);
    }

    @Override
    public void poll(TenantConnector connector, Sink sink) {
        EmailSettings settings = EmailSettings.of(connector);
        if (!settings.pollsImap()) {
            return;
        }
        Store store = null;
        Folder folder = null;
        try {
            store = EmailSessions.imap(settings, hub).getStore(EmailSessions.imapProtocol(settings));
            store.connect(settings.imapHost(), settings.imapPort(), settings.login(),
                    EmailSettings.password(connector));
            folder = store.getFolder(settings.imapFolder());
            folder.open(Folder.READ_WRITE);
            Flags processed = processedMark(folder);
            SearchTerm pending = new AndTerm(new FlagTerm(processed, false),
                    new FlagTerm(new Flags(Flags.Flag.DELETED), false));
            Message[] messages = folder.search(pending);
            int count = Math.min(messages.length, hub.maxMessagesPerPoll());
            for (int i = 0; i < count; i++) {
                handOver(messages[i], processed, connector, sink);
            }
            LOG.log(System.Logger.Level.DEBUG, "tenant {0}: {1} of {2} new emails handed over",
                    connector.tenantId(), count, messages.length);
        } catch (AuthenticationFailedException e) {
            throw PermanentChannelException.credentials(null, "IMAP server refused the login: " + e.getMessage());
        } catch (FolderNotFoundException e) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "IMAP folder " + settings.imapFolder() + " does not exist");
        } catch (MessagingException | IOException e) {
            throw TransientChannelException.unavailable("IMAP poll failed: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        } finally {
            close(folder, store);
        }
    }

    private void handOver(Message message, Flags processed, TenantConnector connector, Sink sink)
            throws MessagingException, IOException {
        byte[] raw;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
            message.writeTo(out);
            raw = out.toByteArray();
        } catch (MessageRemovedException e) {
            return; // expunged by another client while we polled: nothing left to deliver
        }
        sink.accept(new InboundPayload(connector.tenantId(), connector.channel(), raw,
                Map.of("Content-Type", "message/rfc822"), hub.clock().instant()));
        message.setFlags(processed, true);
    }

    /** A keyword leaves \Seen to the mailbox owner; servers that do not keep keywords get \Seen. */
    private static Flags processedMark(Folder folder) {
        Flags permanent = folder.getPermanentFlags();
        return permanent != null && permanent.contains(Flags.Flag.USER)
                ? new Flags(PROCESSED_KEYWORD) : new Flags(Flags.Flag.SEEN);
    }

    private static void close(Folder folder, Store store) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException ignored) {
            // flags are already stored on the server; a failed CLOSE loses nothing
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException ignored) {
            // the connection is gone either way
        }
    }
}
