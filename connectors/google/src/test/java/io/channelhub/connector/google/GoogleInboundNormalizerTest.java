package io.channelhub.connector.google;

import static io.channelhub.connector.google.GoogleFixtures.HUB_ID;
import static io.channelhub.connector.google.GoogleFixtures.USER;
import static io.channelhub.connector.google.GoogleFixtures.bytes;
import static io.channelhub.connector.google.GoogleFixtures.inbound;
import static io.channelhub.connector.google.GoogleFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each documented RBM push, field by field. */
class GoogleInboundNormalizerTest {

    private final GoogleInboundNormalizer normalizer = new GoogleInboundNormalizer();

    private InboundMessage message(String fixture) {
        List<InboundEvent> events = normalizer.normalize(inbound(fixture));
        assertThat(events).hasSize(1);
        return (InboundMessage) events.get(0);
    }

    private StatusUpdate status(String fixture) {
        List<InboundEvent> events = normalizer.normalize(inbound(fixture));
        assertThat(events).hasSize(1);
        return (StatusUpdate) events.get(0);
    }

    @Test
    void text() {
        InboundMessage m = message("text.json");
        assertThat(m.from()).isEqualTo(new Party(USER, null));
        assertThat(m.contactKey()).isEqualTo(USER);
        assertThat(m.providerMessageId()).isEqualTo("MxRrCGy9pNTVS6UMVZ0oJYlA");
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123456Z"));
        assertThat(m.content()).isEqualTo(TextContent.of("Is de auto nog beschikbaar?"));
        assertThat(m.mediaSources()).isEmpty();
        assertThat(m.metadata()).isEmpty();
    }

    @Test
    void theDocumentedEnvelopeGivesTheSameMessage() {
        List<InboundEvent> events = normalizer.normalize(payload(bytes("inbound/push-envelope-text.json")));
        assertThat(events).containsExactly(message("text.json"));
    }

    @Test
    void userFileImageIsMediaToFetchFromItsFileUri() {
        InboundMessage m = message("user-file-image.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.IMAGE, null, "image/jpeg", "kenteken.jpg",
                null, 284512L));
        assertThat(m.mediaSources()).containsExactly(new MediaSource(
                "https://rcs-user-content-eu.storage.googleapis.com/file-7f3a9c", "image/jpeg", "kenteken.jpg"));
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2026-11-20T10:16:02.5Z"));
    }

    @Test
    void userFilePdfIsADocument() {
        InboundMessage m = message("user-file-pdf.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", "offerte.pdf",
                null, 91822L));
        assertThat(m.mediaSources()).extracting(MediaSource::providerRef)
                .containsExactly("https://rcs-user-content-eu.storage.googleapis.com/file-1b2c3d");
    }

    /** Found by the property test: a size below zero says nothing and is left out. */
    @Test
    void aNegativeFileSizeIsNoSize() {
        byte[] data = new String(GoogleFixtures.bytes("inbound/user-file-pdf.json"), StandardCharsets.UTF_8)
                .replace("\"fileSizeBytes\": 91822", "\"fileSizeBytes\": -1").getBytes(StandardCharsets.UTF_8);
        List<InboundEvent> events = normalizer.normalize(GoogleFixtures.payload(GoogleFixtures.envelope(data)));
        assertThat(((MediaContent) ((InboundMessage) events.get(0)).content()).sizeBytes()).isNull();
    }

    @Test
    void location() {
        assertThat(message("location.json").content()).isEqualTo(new LocationContent(52.3731, 4.8922, null, null));
    }

    @Test
    void suggestedReplyIsAChoiceResponseWithThePostbackAsId() {
        InboundMessage m = message("suggestion-reply.json");
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("test-drive-saturday", "Zaterdag"));
        assertThat(m.metadata()).isEqualTo(Map.of(GoogleContentMapper.SUGGESTION_TYPE, "REPLY"));
    }

    @Test
    void suggestedActionIsAChoiceResponseToo() {
        InboundMessage m = message("suggestion-action.json");
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("view_location", "View location"));
        assertThat(m.metadata()).isEqualTo(Map.of(GoogleContentMapper.SUGGESTION_TYPE, "ACTION"));
    }

    @Test
    void unknownContentIsUnsupportedWithTheRawMessage() {
        InboundMessage m = message("unknown-content.json");
        UnsupportedContent content = (UnsupportedContent) m.content();
        assertThat(content.providerType()).isEqualTo("unknown");
        assertThat(content.raw().path("calendarResponse").path("eventId").asText()).isEqualTo("afspraak-7");
        assertThat(m.providerMessageId()).isEqualTo("MxNew9Aa1Bb2Cc3Dd4Ee5Ff6");
    }

    @Test
    void deliveredAndReadAreStatusesOfTheHubMessage() {
        StatusUpdate delivered = status("event-delivered.json");
        assertThat(delivered).isEqualTo(new StatusUpdate(HUB_ID, HUB_ID, DeliveryStatus.DELIVERED, null,
                Instant.parse("2026-11-20T10:22:10.250Z"), USER));
        StatusUpdate read = status("event-read.json");
        assertThat(read.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(read.hubMessageId()).isEqualTo(HUB_ID);
        assertThat(read.timestamp()).isEqualTo(Instant.parse("2026-11-20T10:23:40Z"));
    }

    @Test
    void anEventForAMessageIdThatIsNoHubIdIsMatchedByProviderIdOnly() {
        byte[] data = bytes("inbound/event-delivered.json");
        String other = new String(data, StandardCharsets.UTF_8).replace(HUB_ID, "sent-elsewhere-42");
        StatusUpdate update = (StatusUpdate) normalizer.normalize(
                payload(GoogleFixtures.envelope(other.getBytes(StandardCharsets.UTF_8)))).get(0);
        assertThat(update.providerMessageId()).isEqualTo("sent-elsewhere-42");
        assertThat(update.hubMessageId()).isNull();
    }

    @Test
    void typingIsDroppedQuietly() {
        assertThat(normalizer.normalize(inbound("event-is-typing.json"))).isEmpty();
    }

    @Test
    void unsubscribeIsAnOptOutKeyedOnTheEventId() {
        List<InboundEvent> events = normalizer.normalize(inbound("event-unsubscribe.json"));
        assertThat(events).hasSize(1);
        ContactEvent event = (ContactEvent) events.get(0);
        assertThat(event.type()).isEqualTo(ContactEvent.CONSENT_CHANGED);
        assertThat(event.contactAddress()).isEqualTo(USER);
        assertThat(event.providerEventId()).isEqualTo("Ms9rRlHol9TV-ih1TIupkiLj");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-20T10:25:00Z"));
        assertThat(event.consent().optedIn()).isFalse();
        assertThat(event.consent().evidence()).contains("UNSUBSCRIBE").contains("Ms9rRlHol9TV-ih1TIupkiLj");
        assertThat(event.details()).isEqualTo(Map.of("eventType", "UNSUBSCRIBE"));
    }

    @Test
    void subscribeIsAnOptIn() {
        ContactEvent event = (ContactEvent) normalizer.normalize(inbound("event-subscribe.json")).get(0);
        assertThat(event.type()).isEqualTo(ContactEvent.CONSENT_CHANGED);
        assertThat(event.consent().optedIn()).isTrue();
        assertThat(event.providerEventId()).isEqualTo("Mt2sSmIpm0UW-ji2UJvqljMk");
    }

    @Test
    void theStopTextGoogleSendsWithAnUnsubscribeStaysATextForTheHubsKeywords() {
        byte[] data = GoogleFixtures.bytes("inbound/text.json");
        String stop = new String(data, StandardCharsets.UTF_8).replaceAll("\"text\"\\s*:\\s*\"[^\"]*\"", "\"text\": \"STOP\"");
        List<InboundEvent> events = normalizer.normalize(payload(GoogleFixtures.envelope(
                stop.getBytes(StandardCharsets.UTF_8))));
        assertThat(events).singleElement().isInstanceOf(InboundMessage.class);
        assertThat(((InboundMessage) events.get(0)).content()).isEqualTo(TextContent.of("STOP"));
    }

    @Test
    void otherUserEventsReachThePlatformAsUnsupported() {
        byte[] data = GoogleFixtures.bytes("inbound/event-unsubscribe.json");
        String other = new String(data, StandardCharsets.UTF_8).replace("UNSUBSCRIBE", "SOMETHING_NEW");
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(GoogleFixtures.envelope(
                other.getBytes(StandardCharsets.UTF_8)))).get(0);
        assertThat(((UnsupportedContent) m.content()).providerType()).isEqualTo("event:SOMETHING_NEW");
        assertThat(m.providerMessageId()).isEqualTo("Ms9rRlHol9TV-ih1TIupkiLj");
        assertThat(m.from().address()).isEqualTo(USER);
    }

    @Test
    void ttlExpirationRevokedFailsTheMessageAsExpired() {
        StatusUpdate update = status("server-ttl-expiration-revoked.json");
        assertThat(update.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(update.hubMessageId()).isEqualTo(HUB_ID);
        assertThat(update.recipient()).isEqualTo(USER);
        assertThat(update.reason().code()).isEqualTo("expired");
        assertThat(update.reason().providerCode()).isEqualTo("TTL_EXPIRATION_REVOKED");
        assertThat(update.reason().retryable()).isFalse();
        assertThat(update.timestamp()).isEqualTo(Instant.parse("2026-11-21T10:15:30Z"));
    }

    @Test
    void ttlExpirationRevokeFailedGivesNoStatus() {
        assertThat(normalizer.normalize(inbound("server-ttl-expiration-revoke-failed.json"))).isEmpty();
    }

    @Test
    void agentLaunchEventsCarryNoUserTraffic() {
        assertThat(normalizer.normalize(payload(bytes("inbound/agent-launch-event.json")))).isEmpty();
    }

    @Test
    void aRedeliveredPushGivesTheSameProviderIdSoTheHubDropsTheCopy() {
        assertThat(message("text.json").providerMessageId()).isEqualTo(message("text.json").providerMessageId());
    }

    @Test
    void withoutSendTimeTheReceiptTimeIsUsed() {
        String data = "{\"senderPhoneNumber\":\"+31612345678\",\"messageId\":\"m-1\",\"text\":\"hoi\"}";
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(GoogleFixtures.envelope(
                data.getBytes(StandardCharsets.UTF_8)))).get(0);
        assertThat(m.timestamp()).isEqualTo(GoogleFixtures.RECEIVED_AT);
    }

    @Test
    void whatIsNoRbmPushIsMalformed() {
        for (String body : List.of("{}", "{\"message\":{\"data\":\"%%%\"}}", "{\"clientToken\":\"x\",\"secret\":\"y\"}")) {
            assertThatThrownBy(() -> normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))))
                    .as(body).isInstanceOf(MalformedPayloadException.class);
        }
        assertThatThrownBy(() -> normalizer.normalize(payload(GoogleFixtures.envelope("[1]".getBytes(
                StandardCharsets.UTF_8))))).isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void aMessageWithoutSenderOrIdIsMalformed() {
        for (String data : List.of("{\"messageId\":\"m-1\",\"text\":\"hoi\"}",
                "{\"senderPhoneNumber\":\"+31612345678\",\"text\":\"hoi\"}",
                "{\"senderPhoneNumber\":\"+31612345678\",\"eventType\":\"DELIVERED\",\"eventId\":\"e\"}")) {
            assertThatThrownBy(() -> normalizer.normalize(payload(GoogleFixtures.envelope(
                    data.getBytes(StandardCharsets.UTF_8))))).as(data).isInstanceOf(MalformedPayloadException.class);
        }
    }
}
