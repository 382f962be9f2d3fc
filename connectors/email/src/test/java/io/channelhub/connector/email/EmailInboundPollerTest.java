package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.InboundPoller;
import io.channelhub.core.spi.TenantConnector;
import jakarta.mail.Flags;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Polls a real IMAP server (GreenMail): each message handed over once, marked only after the hand-over. */
class EmailInboundPollerTest {
    @RegisterExtension
    static GreenMailExtension greenMail = TestMailboxes.greenMail();

    private final EmailConnector connector = TestEnvironment.connector();
    private final InboundPoller poller = connector.poller().orElseThrow();
    private TenantConnector tenant;

    @BeforeEach
    void mailbox() {
        tenant = TestMailboxes.tenant(greenMail);
    }

    @Test
    void handsOverEachNewMessageOnceAsRawRfc822() throws Exception {
        deliver("plain.eml");
        deliver("multipart-alternative.eml");

        List<InboundPayload> first = poll();
        List<InboundPayload> second = poll();

        assertThat(first).hasSize(2);
        assertThat(first).allSatisfy(p -> {
            assertThat(p.tenantId()).isEqualTo(TestMailboxes.TENANT);
            assertThat(p.channel()).isEqualTo("email");
            assertThat(p.header("content-type")).contains("message/rfc822");
            assertThat(p.receivedAt()).isEqualTo(TestEnvironment.NOW);
        });
        assertThat(first).extracting(p -> ((InboundMessage) connector.normalizer().normalize(p).get(0)).providerMessageId())
                .containsExactly("<CAF9k2ZbQ1x@mail.example.nl>", "<alt-1@example.de>");
        assertThat(second).isEmpty();
    }

    @Test
    void thePolledBytesNormalizeLikeTheOriginal() throws Exception {
        deliver("iso-8859-1-quoted-printable.eml");

        InboundMessage m = (InboundMessage) connector.normalizer().normalize(poll().get(0)).get(0);

        assertThat(((TextContent) m.content()).text()).contains("toujours à vendre", "12.500\u00a0€");
        assertThat(m.from().name()).isEqualTo("Renée Müller");
    }

    @Test
    void marksWithAKeywordOnlyAfterTheSinkReturnedAndLeavesSeenAlone() throws Exception {
        deliver("plain.eml");
        List<Flags> flagsDuringHandOver = new ArrayList<>();

        poller.poll(tenant, TestSinks.accepting(payload -> flagsDuringHandOver.add(storedMessages().get(0).getFlags())));

        assertThat(flagsDuringHandOver).hasSize(1);
        assertThat(flagsDuringHandOver.get(0).contains(EmailInboundPoller.PROCESSED_KEYWORD)).isFalse();
        Flags after = storedMessages().get(0).getFlags();
        assertThat(after.contains(EmailInboundPoller.PROCESSED_KEYWORD)).isTrue();
        assertThat(after.contains(Flags.Flag.SEEN)).as("the owner still sees the mail as unread").isFalse();
    }

    @Test
    void aSinkThatFailsLeavesTheMessageForTheNextPoll() throws Exception {
        deliver("plain.eml");
        deliver("html-only.eml");
        List<InboundPayload> accepted = new ArrayList<>();
        IllegalStateException queueDown = new IllegalStateException("queue down");

        assertThatThrownBy(() -> poller.poll(tenant, TestSinks.accepting(payload -> {
            if (!accepted.isEmpty()) {
                throw queueDown;
            }
            accepted.add(payload);
        }))).isSameAs(queueDown);

        assertThat(accepted).hasSize(1);
        assertThat(storedMessages().get(0).getFlags().contains(EmailInboundPoller.PROCESSED_KEYWORD)).isTrue();
        assertThat(storedMessages().get(1).getFlags().contains(EmailInboundPoller.PROCESSED_KEYWORD)).isFalse();
        List<InboundPayload> retried = poll();
        assertThat(retried).hasSize(1);
        assertThat(new String(retried.get(0).body())).contains("Message-ID: <html-only-1@example.com>");
        assertThat(poll()).isEmpty();
    }

    @Test
    void aTenantWithoutImapIsNotPolled() {
        Map<String, String> settings = new HashMap<>(TestMailboxes.settings(greenMail));
        settings.remove("imapHost");
        deliver("plain.eml");

        poller.poll(TestMailboxes.tenant(settings, TestMailboxes.PASSWORD), TestSinks.accepting(payload -> {
            throw new AssertionError("no poll expected");
        }));
    }

    @Test
    void aWrongPasswordIsACredentialsFailure() {
        TenantConnector wrong = TestMailboxes.tenant(TestMailboxes.settings(greenMail), "wrong-Pa55word");

        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> poller.poll(wrong, TestSinks.accepting(payload -> { })));

        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).doesNotContain("wrong-Pa55word");
    }

    @Test
    void aMailWhoseImapEnvelopeCannotBeParsedIsHandedOverAndTheMailsBehindItToo() {
        // GreenMail builds an ENVELOPE for a bare "From: MAILER-DAEMON" that Jakarta Mail cannot parse
        // ("Failed to load IMAP envelope"); the poller never asks for envelopes.
        user().deliver(Fixtures.mime("poller/bounce-bare-mailer-daemon.eml"));
        deliver("plain.eml");

        List<InboundPayload> handedOver = poll();

        assertThat(handedOver).extracting(p -> new String(p.body(), java.nio.charset.StandardCharsets.UTF_8))
                .satisfiesExactly(
                        bounce -> assertThat(bounce).contains("Message-ID: <bare-daemon-1@mx.dealer.example>"),
                        plain -> assertThat(plain).contains("Message-ID: <CAF9k2ZbQ1x@mail.example.nl>"));
        assertThat(poll()).isEmpty();
    }

    @Test
    void anUnreachableServerIsTransient() throws Exception {
        Map<String, String> settings = new HashMap<>(TestMailboxes.settings(greenMail));
        try (ServerSocket free = new ServerSocket(0)) {
            settings.put("imapPort", String.valueOf(free.getLocalPort()));
        }

        assertThatThrownBy(() -> poller.poll(TestMailboxes.tenant(settings, TestMailboxes.PASSWORD), TestSinks.accepting(payload -> { })))
                .isInstanceOf(TransientChannelException.class);
    }

    @Test
    void aMissingFolderIsPermanent() {
        Map<String, String> settings = new HashMap<>(TestMailboxes.settings(greenMail));
        settings.put("imapFolder", "Klanten");

        assertThatThrownBy(() -> poller.poll(TestMailboxes.tenant(settings, TestMailboxes.PASSWORD), TestSinks.accepting(payload -> { })))
                .isInstanceOf(PermanentChannelException.class).hasMessageContaining("Klanten");
    }

    @Test
    void theIntervalIsPollSecondsWithASaneFloorAndDefault() {
        assertThat(poller.interval(tenant)).isEqualTo(Duration.ofSeconds(30));
        assertThat(poller.interval(withPollSeconds(null))).isEqualTo(Duration.ofSeconds(60));
        assertThat(poller.interval(withPollSeconds("soon"))).isEqualTo(Duration.ofSeconds(60));
        assertThat(poller.interval(withPollSeconds("1"))).isEqualTo(Duration.ofSeconds(5));
    }

    private TenantConnector withPollSeconds(String value) {
        Map<String, String> settings = new HashMap<>(TestMailboxes.settings(greenMail));
        settings.remove("pollSeconds");
        if (value != null) {
            settings.put("pollSeconds", value);
        }
        return TestMailboxes.tenant(settings, TestMailboxes.PASSWORD);
    }

    private List<InboundPayload> poll() {
        List<InboundPayload> payloads = new ArrayList<>();
        poller.poll(tenant, TestSinks.accepting(payloads::add));
        return payloads;
    }

    private static void deliver(String fixture) {
        user().deliver(Fixtures.mime("inbound/" + fixture));
    }

    private static List<StoredMessage> storedMessages() {
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(user()).getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMailUser user() {
        return greenMail.getUserManager().getUserByEmail(TestMailboxes.SHOP);
    }
}
