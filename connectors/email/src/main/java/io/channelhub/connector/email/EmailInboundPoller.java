package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.InboundPoller;
import io.channelhub.core.spi.InboundPoller.UnreadableItem;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;

/**
 * Polls the tenant's IMAP folder. Each message not yet marked processed is handed to the sink as its
 * raw RFC 822 bytes, and only once the sink returned (the hub queued it durably) is it marked processed
 * on the server: with the keyword {@value #PROCESSED_KEYWORD} where the folder allows keywords
 * (PERMANENTFLAGS \*), else with \Seen. A crash between hand-over and marking re-offers that one message;
 * the hub drops the duplicate by Message-ID. Messages are read with BODY.PEEK, so the owner's unread
 * state is left alone whenever the keyword can be used.
 *
 * <p>A message the server will not give is reported to the hub and skipped; once the hub gives up on it,
 * it is marked {@value #SET_ASIDE_KEYWORD} (or \Flagged) and never offered again. It stays in the mailbox.
 */
public final class EmailInboundPoller implements InboundPoller {
    static final String PROCESSED_KEYWORD = "$HubProcessed";
    static final String SET_ASIDE_KEYWORD = "$HubSetAside";
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
            Marks marks = Marks.of(folder);
            SearchTerm pending = new AndTerm(new FlagTerm(marks.processed(), false),
                    new FlagTerm(new Flags(Flags.Flag.DELETED), false));
            Message[] messages = folder.search(pending);
            int count = Math.min(messages.length, hub.maxMessagesPerPoll());
            for (int i = 0; i < count; i++) {
                handOver(folder, messages[i], marks, connector, sink);
            }
            LOG.log(System.Logger.Level.DEBUG, "tenant {0}: {1} of {2} new emails handed over",
                    connector.tenantId(), count, messages.length);
        } catch (AuthenticationFailedException e) {
            throw PermanentChannelException.credentials(null, "IMAP server refused the login: " + e.getMessage());
        } catch (FolderNotFoundException e) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "IMAP folder " + settings.imapFolder() + " does not exist");
        } catch (MessagingException e) {
            throw TransientChannelException.unavailable("IMAP poll failed: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        } finally {
            close(folder, store);
        }
    }

    /**
     * Hands over one message, isolated from the others: a message the server will not give is reported
     * as unreadable with whatever could be read of it, and set aside once the hub gives up on it. A lost
     * connection is not the message's fault and ends the whole poll.
     */
    private void handOver(Folder folder, Message message, Marks marks, TenantConnector connector, Sink sink)
            throws MessagingException {
        byte[] raw;
        String unreadable;
        try {
            raw = rawSource(message);
            // Jakarta Mail reads a FETCH answered NO (a damaged mail: Dovecot's "NO [SERVERBUG]") as empty
            // content, and no RFC 822 message is empty.
            unreadable = raw.length > 0 ? null : "the IMAP server gave no source for it (FETCH refused or empty)";
        } catch (MessageRemovedException e) {
            return; // expunged by another client while we polled: nothing left to deliver
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            raw = null;
            unreadable = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (unreadable != null) {
            String reason = "message " + message.getMessageNumber() + " of " + folder.getFullName()
                    + " could not be read: " + unreadable;
            if (sink.unreadable(new UnreadableItem(itemId(folder, message), headersOnly(message), reason))) {
                message.setFlags(marks.setAside(), true);
            }
            return;
        }
        sink.accept(new InboundPayload(connector.tenantId(), connector.channel(), raw,
                Map.of("Content-Type", "message/rfc822"), hub.clock().instant()));
        message.setFlags(marks.processed(), true);
    }

    /**
     * The message exactly as stored ({@code BODY.PEEK[]}). Nothing here parses it or loads its IMAP
     * ENVELOPE: servers build envelopes that the client cannot parse (a bare {@code From: MAILER-DAEMON}
     * without a domain did so), and the hub parses the source itself, leniently, after the hand-over.
     */
    private static byte[] rawSource(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        message.writeTo(out);
        return out.toByteArray();
    }

    /** What ops can still be given of a message whose source the server refused: its header section. */
    private static byte[] headersOnly(Message message) {
        try {
            StringBuilder headers = new StringBuilder();
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
                Header h = all.nextElement();
                headers.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
            }
            return headers.toString().getBytes(StandardCharsets.UTF_8);
        } catch (MessagingException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** Stable across polls and sessions: UIDs are unique within a folder for one UIDVALIDITY (RFC 3501 §2.3.1.1). */
    private static String itemId(Folder folder, Message message) throws MessagingException {
        if (folder instanceof UIDFolder uids) {
            return folder.getFullName() + ";UIDVALIDITY=" + uids.getUIDValidity() + ";UID=" + uids.getUID(message);
        }
        return folder.getFullName() + ";MSGNO=" + message.getMessageNumber();
    }

    /**
     * How handed-over and set-aside messages are marked. A keyword leaves \Seen to the mailbox owner;
     * servers that do not keep keywords get \Seen, and \Flagged on a set-aside message so the owner sees it.
     */
    private record Marks(Flags processed, Flags setAside) {
        static Marks of(Folder folder) throws MessagingException {
            Flags permanent = folder.getPermanentFlags();
            if (permanent != null && permanent.contains(Flags.Flag.USER)) {
                Flags setAside = new Flags(PROCESSED_KEYWORD);
                setAside.add(SET_ASIDE_KEYWORD);
                return new Marks(new Flags(PROCESSED_KEYWORD), setAside);
            }
            Flags setAside = new Flags(Flags.Flag.SEEN);
            setAside.add(Flags.Flag.FLAGGED);
            return new Marks(new Flags(Flags.Flag.SEEN), setAside);
        }
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
