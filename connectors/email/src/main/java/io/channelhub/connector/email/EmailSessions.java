package io.channelhub.connector.email;

import jakarta.mail.Session;
import java.util.Properties;

/**
 * Builds Jakarta Mail sessions from one tenant's settings, fresh for every call: sessions carry the
 * host and security of one mailbox and must never be shared between tenants. Debug output stays off so
 * that no protocol trace (AUTH lines included) reaches a log.
 */
final class EmailSessions {
    private static final Session OFFLINE = Session.getInstance(offlineProperties());

    private EmailSessions() {
    }

    /** The transport protocol name for the tenant's SMTP security. */
    static String smtpProtocol(EmailSettings s) {
        return s.smtpSecurity() == EmailSecurity.TLS ? "smtps" : "smtp";
    }

    static String imapProtocol(EmailSettings s) {
        return s.imapSecurity() == EmailSecurity.TLS ? "imaps" : "imap";
    }

    static Session smtp(EmailSettings s, EmailHubConfig hub) {
        String p = smtpProtocol(s);
        Properties props = common(p, s.smtpHost(), s.smtpPort(), s.smtpSecurity(), hub);
        props.setProperty("mail." + p + ".auth", "true");
        // Without an explicit EHLO name Jakarta Mail resolves the local host name on every send.
        props.setProperty("mail." + p + ".localhost", hub.hubDomain());
        props.setProperty("mail." + p + ".from", s.fromAddress());
        return Session.getInstance(props);
    }

    static Session imap(EmailSettings s, EmailHubConfig hub) {
        String p = imapProtocol(s);
        Properties props = common(p, s.imapHost(), s.imapPort(), s.imapSecurity(), hub);
        // Reading a message must not set \Seen: the mailbox owner still sees what is new.
        props.setProperty("mail." + p + ".peek", "true");
        return Session.getInstance(props);
    }

    /**
     * A session for parsing stored messages; it never opens a connection. Of the lenient {@code mail.mime.*}
     * settings Jakarta Mail 2.1 reads only {@code mail.mime.address.strict} (and {@code allowutf8}) from a
     * session; the others ({@code parameters.strict}, {@code decodefilename}, {@code decodetext.strict},
     * {@code ignoreunknownencoding}, {@code base64.ignoreerrors}, {@code uudecode.*}, {@code multipart.allowempty}
     * …) are JVM-wide System properties read once when a class loads, which a connector must not set. The parsing
     * classes ({@link EmailReceivedMessage}, {@link EmailMimeTree} and what it uses) do their work per message.
     */
    static Session offline() {
        return OFFLINE;
    }

    private static Properties common(String p, String host, int port, EmailSecurity security, EmailHubConfig hub) {
        Properties props = new Properties();
        props.setProperty("mail.debug", "false");
        props.setProperty("mail." + p + ".host", host);
        props.setProperty("mail." + p + ".port", String.valueOf(port));
        props.setProperty("mail." + p + ".connectiontimeout", hub.timeoutMillis());
        props.setProperty("mail." + p + ".timeout", hub.timeoutMillis());
        props.setProperty("mail." + p + ".writetimeout", hub.timeoutMillis());
        if (security == EmailSecurity.STARTTLS) {
            props.setProperty("mail." + p + ".starttls.enable", "true");
            props.setProperty("mail." + p + ".starttls.required", "true");
        }
        if (security == EmailSecurity.TLS) {
            props.setProperty("mail." + p + ".ssl.enable", "true");
        }
        if (hub.trustAllTls()) {
            props.setProperty("mail." + p + ".ssl.trust", "*");
            props.setProperty("mail." + p + ".ssl.checkserveridentity", "false");
        } else {
            props.setProperty("mail." + p + ".ssl.checkserveridentity", "true");
        }
        return props;
    }

    private static Properties offlineProperties() {
        Properties props = new Properties();
        props.setProperty("mail.debug", "false");
        props.setProperty("mail.mime.address.strict", "false");
        return props;
    }
}
