package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.SendResult;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A conversation through real SMTP and IMAP: the hub's Message-ID threads the customer's reply and the answer. */
class EmailRoundTripTest {
    private static final String CUSTOMER = "jan.devries@example.nl";

    @RegisterExtension
    static GreenMailExtension greenMail = TestMailboxes.greenMail();

    private final EmailConnector connector = TestEnvironment.connector();

    @Test
    void aReplyToAHubMessageThreadsBothWays() throws Exception {
        SendResult offer = connector.sender().send(Outbound.of(new TextContent("De Golf is beschikbaar.", "Uw offerte",
                null)).build(), TestMailboxes.tenant(greenMail));

        MimeMessage atCustomer = greenMail.getReceivedMessagesForDomain("example.nl")[0];
        MimeMessage reply = (MimeMessage) atCustomer.reply(false);
        reply.setFrom(new InternetAddress(CUSTOMER, "Jan de Vries"));
        reply.setText("Top, ik kom zaterdag.\n\nOn Fri, 20 Nov 2026 at 10:00, Dealer 42 wrote:\n> De Golf is beschikbaar.");
        reply.saveChanges();
        greenMail.getUserManager().getUserByEmail(TestMailboxes.SHOP).deliver(reply);

        List<InboundPayload> polled = new ArrayList<>();
        connector.poller().orElseThrow().poll(TestMailboxes.tenant(greenMail), TestSinks.accepting(polled::add));
        InboundMessage inbound = (InboundMessage) connector.normalizer().normalize(polled.get(0)).get(0);

        assertThat(inbound.replyTo()).isEqualTo(offer.providerMessageId());
        assertThat(((TextContent) inbound.content()).text()).isEqualTo("Top, ik kom zaterdag.");
        assertThat(((TextContent) inbound.content()).subject()).isEqualTo("Re: Uw offerte");

        SendResult answer = connector.sender().send(Outbound.of(new TextContent("Tot zaterdag!", "Re: Uw offerte", null))
                .id("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d").replyTo(inbound.providerMessageId())
                .replyHeaders(inbound.headers()).build(), TestMailboxes.tenant(greenMail));

        MimeMessage answered = lastTo(CUSTOMER);
        assertThat(answered.getMessageID()).isEqualTo(answer.providerMessageId());
        assertThat(answered.getHeader("In-Reply-To", ",")).isEqualTo(inbound.providerMessageId());
        assertThat(answered.getHeader("References", " ").split("\\s+"))
                .containsExactly(offer.providerMessageId(), inbound.providerMessageId());
    }

    private static MimeMessage lastTo(String address) throws Exception {
        MimeMessage last = null;
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(address)) {
                last = m;
            }
        }
        return last;
    }
}
