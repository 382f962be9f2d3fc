package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaFetcher;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The shapes real mail clients and servers produce that strict MIME parsing refuses (fixtures under
 * fixtures/email/inbound): each keeps its text and every attachment, with the file name, type and size it
 * really has.
 */
class EmailLenientParsingTest {
    private static final long PDF_BYTES = 77;
    private final EmailConnector connector = TestEnvironment.connector();
    private final InboundNormalizer normalizer = connector.normalizer();

    @Test
    void anUnquotedBoundaryWithEqualsSignsSplitsTheMessage() {
        InboundMessage m = message("boundary-unquoted.eml");

        TextContent content = (TextContent) m.content();
        assertThat(content.text()).isEqualTo("Is de Polo GTI nog te koop?");
        assertThat(content.subject()).isEqualTo("Polo GTI");
        assertThat(content.html()).isEqualTo("<html><body><p>Is de Polo GTI nog te koop?</p></body></html>\r\n");
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void rfc2231FileNamesAreDecodedIncludingContinuations() {
        InboundMessage m = message("filename-rfc2231.eml");

        assertThat(text(m)).isEqualTo("Anbei die Unterlagen.");
        assertThat(m.from()).isEqualTo(new Party("greta@example.de", "Greta Weiß"));
        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "Offerte für Müller.pdf", null, PDF_BYTES),
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "Fahrzeugbrief Jürgen Weiß.pdf", null,
                        PDF_BYTES));
    }

    @Test
    void rfc2047FileNamesAreDecodedAlsoWhenGluedToPlainText() {
        InboundMessage m = message("filename-rfc2047.eml");

        assertThat(((TextContent) m.content()).subject()).isEqualTo("Re:Offerte Königsberg");
        assertThat(m.from().name()).isEqualTo("Renée Müller");
        assertThat(m.attachments()).extracting(MediaContent::filename, MediaContent::mimeType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Königsberg Offerte.pdf", "application/pdf"),
                        org.assertj.core.groups.Tuple.tuple("Bijlage-Résumé.txt", "text/plain"));
    }

    @Test
    void rawUtf8HeadersAreReadAsUtf8NotMojibake() {
        InboundMessage m = message("utf8-headers-rfc6532.eml");

        assertThat(m.from()).isEqualTo(new Party("joerg.saeying@example.de", "Jörg Säying"));
        assertThat(m.to()).isEqualTo(new Party("shop@dealer.example", "Autohaus Köln"));
        assertThat(((TextContent) m.content()).subject()).isEqualTo("Säying hello – Grüße aus Köln");
        assertThat(text(m)).isEqualTo("Grüße, anbei die Übersicht.");
        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "Übersicht März.pdf", null, PDF_BYTES));
    }

    @Test
    void unquotedFileNamesWithSpacesBracketsOrRawLatin1AreKept() {
        InboundMessage m = message("filename-unquoted.eml");

        assertThat(text(m)).isEqualTo("Twee bijlagen zonder aanhalingstekens.");
        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "Kaufvertrag Golf [2026].pdf", null,
                        PDF_BYTES),
                new MediaContent(MediaKind.DOCUMENT, null, "text/plain", "Übersicht.txt", null, 5L));
    }

    @Test
    void unknownTransferEncodingsAreReadByWhatTheyResemble() throws Exception {
        InboundMessage m = message("transfer-encoding-unknown.eml");

        assertThat(text(m)).isEqualTo("Hallo, zie de bijlagen.");
        assertThat(m.attachments()).extracting(MediaContent::filename).containsExactly("notities.txt", "prijs.txt");
        assertThat(fetched(m, 0)).isEqualTo("Kilometerstand: 84.000 km — APK tot mei");
        assertThat(fetched(m, 1)).isEqualTo("Prijs: 12.500 €, inruil mögelijk");
    }

    @Test
    void aMissingFirstBoundaryLineLosesNeitherTextNorAttachment() throws Exception {
        InboundMessage m = message("missing-start-boundary.eml");

        assertThat(text(m)).isEqualTo("Hier de foto van de schade.");
        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.IMAGE, null, "image/png", "schade.png", null, 70L));
        assertThat(bytes(m, 0)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void brokenUuencodeWithoutEndLineIsDecoded() throws Exception {
        InboundMessage m = message("uuencode-broken.eml");

        assertThat(text(m)).isEqualTo("Zie bijlage.");
        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "text/plain", "kenteken.txt", null, 56L));
        assertThat(new String(bytes(m, 0), StandardCharsets.US_ASCII))
                .isEqualTo("Kenteken: AB-123-C\nBouwjaar: 2019\nKleur: blauw metallic\n");
    }

    @Test
    void aForwardedMessageIsStoredAsMessageRfc822() throws Exception {
        InboundMessage m = message("forwarded-message-rfc822.eml");

        assertThat(text(m)).isEqualTo("Zie het doorgestuurde bericht van mijn man.");
        MediaContent forwarded = m.attachments().get(0);
        assertThat(forwarded.mimeType()).isEqualTo("message/rfc822");
        assertThat(forwarded.filename()).isEqualTo("message.eml");
        assertThat(forwarded.mediaType()).isEqualTo(MediaKind.DOCUMENT);
        byte[] inner = bytes(m, 0);
        assertThat(forwarded.sizeBytes()).isEqualTo(inner.length);
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(inner));
        assertThat(parsed.getSubject()).isEqualTo("Vraag over de Fiesta");
        assertThat(((String) parsed.getContent()).strip()).isEqualTo("Vraag jij of de Fiesta een trekhaak heeft?");
    }

    @Test
    void aGzipAttachmentKeepsItsTypeAndBytes() throws Exception {
        InboundMessage m = message("attachment-gzip.eml");

        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/gzip", "diagnose.log.gz", null, 92L));
        try (GZIPInputStream log = new GZIPInputStream(new ByteArrayInputStream(bytes(m, 0)))) {
            assertThat(new String(log.readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("2026-11-23 08:00:01 ERROR P0420");
        }
    }

    @Test
    void genericOctetStreamsGetATypeFromTheirFileNameAndExecutablesAreFlagged() {
        InboundMessage m = message("attachment-octet-stream-named.eml");

        assertThat(m.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "Offerte 2026-114.pdf", null, PDF_BYTES),
                new MediaContent(MediaKind.DOCUMENT, null, "image/jpeg", "IMG_2041.JPG", null, 22L),
                new MediaContent(MediaKind.DOCUMENT, null, "application/x-msdownload", "setup.exe", null, 8L),
                new MediaContent(MediaKind.DOCUMENT, null, "application/octet-stream", "data.bin", null, 4L));
        assertThat(m.mediaSources()).extracting(s -> s.mimeType())
                .containsExactly("application/pdf", "image/jpeg", "application/x-msdownload", "application/octet-stream");
        assertThat(m.metadata()).containsEntry("executableAttachments", List.of("setup.exe"));
    }

    @Test
    void aMultipartWithoutAnyBoundaryLineKeepsItsBodyAsText() {
        String noBoundary = "From: a@example.com\nTo: shop@dealer.example\nSubject: kapot\nMessage-ID: <b@example.com>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed\n\nno boundary here\n";

        InboundMessage m = (InboundMessage) normalizer.normalize(new io.channelhub.core.spi.InboundPayload(
                TestMailboxes.TENANT, "email", noBoundary.getBytes(StandardCharsets.UTF_8), Map.of(),
                TestEnvironment.NOW)).get(0);

        assertThat(m.content()).isEqualTo(new TextContent("no boundary here", "kapot", null));
    }

    private InboundMessage message(String fixture) {
        List<InboundEvent> events = normalizer.normalize(Fixtures.inbound(fixture));
        assertThat(events).hasSize(1);
        return (InboundMessage) events.get(0);
    }

    private static String text(InboundMessage m) {
        return ((TextContent) m.content()).text();
    }

    private byte[] bytes(InboundMessage m, int attachment) throws Exception {
        MediaFetcher fetcher = connector.mediaFetcher().orElseThrow();
        return fetcher.fetch(m.mediaSources().get(attachment), TestMailboxes.tenant(Map.of(), "x")).content()
                .readAllBytes();
    }

    private String fetched(InboundMessage m, int attachment) throws Exception {
        return new String(bytes(m, attachment), StandardCharsets.UTF_8).strip();
    }
}
