package io.channelhub.connector.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import java.util.HashMap;
import java.util.Map;

/** GreenMail on free loopback ports and tenant connectors pointing at it. */
final class TestMailboxes {
    static final String TENANT = "dealer-042";
    static final String SHOP = "shop@dealer.example";
    static final String PASSWORD = "s3cret-Pa55";

    private TestMailboxes() {
    }

    /** SMTP and IMAP, plain, with authentication on and the shop's mailbox created. */
    static GreenMailExtension greenMail() {
        return new GreenMailExtension(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(SHOP, SHOP, PASSWORD));
    }

    static Map<String, String> settings(GreenMailExtension greenMail) {
        Map<String, String> s = new HashMap<>();
        s.put("fromAddress", SHOP);
        s.put("fromName", "Dealer 42");
        s.put("smtpHost", "127.0.0.1");
        s.put("smtpPort", String.valueOf(greenMail.getSmtp().getPort()));
        s.put("smtpSecurity", "none");
        s.put("imapHost", "127.0.0.1");
        s.put("imapPort", String.valueOf(greenMail.getImap().getPort()));
        s.put("imapSecurity", "none");
        s.put("pollSeconds", "30");
        return s;
    }

    static TenantConnector tenant(Map<String, String> settings, String password) {
        return new TenantConnector(TENANT, "email", settings, Secrets.of(Map.of("password", password)));
    }

    static TenantConnector tenant(GreenMailExtension greenMail) {
        return tenant(settings(greenMail), PASSWORD);
    }
}
