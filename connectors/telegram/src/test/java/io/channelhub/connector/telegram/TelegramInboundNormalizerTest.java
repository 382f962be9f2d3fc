package io.channelhub.connector.telegram;

import static io.channelhub.connector.telegram.TelegramFixtures.CHAT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.MediaSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each update kind of the fixtures, as the canonical fields it becomes. */
class TelegramInboundNormalizerTest {
    private final TelegramInboundNormalizer normalizer = new TelegramInboundNormalizer();

    private List<InboundEvent> events(String fixture) {
        return normalizer.normalize(TelegramFixtures.inbound(fixture));
    }

    private InboundMessage message(String fixture) {
        List<InboundEvent> events = events(fixture);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(InboundMessage.class);
        return (InboundMessage) events.get(0);
    }

    private InboundEvent normalize(String json) {
        List<InboundEvent> events = normalizer.normalize(TelegramFixtures.payload(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void textKeepsTheWordsAndDropsTheEntities() {
        InboundMessage m = message("text.json");
        assertThat(m.from().address()).isEqualTo(CHAT_ID);
        assertThat(m.from().name()).isEqualTo("Jan de Vries");
        assertThat(m.contactKey()).isEqualTo(CHAT_ID);
        assertThat(m.providerMessageId()).isEqualTo(CHAT_ID + ":1365");
        assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1795169731L));
        assertThat(m.content()).isEqualTo(TextContent.of("Is de Golf GTI nog beschikbaar? https://dealer.example/golf"));
        assertThat(m.replyTo()).isNull();
        assertThat(m.mediaSources()).isEmpty();
        assertThat(m.metadata()).containsEntry("username", "jandevries");
    }

    @Test
    void aReplyNamesTheMessageItAnswersInTheSameIdForm() {
        InboundMessage m = message("text-reply.json");
        assertThat(m.replyTo()).isEqualTo(CHAT_ID + ":1366");
        assertThat(m.content()).isEqualTo(TextContent.of("Ja, zaterdag om 10 uur"));
    }

    @Test
    void aPhotoIsItsLargestSizeFetchedByFileId() {
        InboundMessage m = message("photo.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.IMAGE, null, "image/jpeg", null,
                "Schade aan de bumper", 98122L));
        assertThat(m.mediaSources()).containsExactly(new MediaSource("AgACAgQAAxkBAAIBZ2dR-large", "image/jpeg", null));
    }

    @Test
    void aDocumentKeepsItsNameTypeAndCaption() {
        InboundMessage m = message("document.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.DOCUMENT, null, "application/pdf",
                "offerte-golf.pdf", "Offerte", 254331L));
        assertThat(m.mediaSources()).containsExactly(
                new MediaSource("BQACAgQAAxkBAAIBaGdR-doc", "application/pdf", "offerte-golf.pdf"));
    }

    @Test
    void audioVoiceVideoVideoNoteAnimationAndSticker() {
        assertMedia("audio.json", MediaKind.AUDIO, "audio/mpeg", "CQACAgQAAxkBAAIBaWdR-audio", "audio");
        assertMedia("voice.json", MediaKind.AUDIO, "audio/ogg", "AwACAgQAAxkBAAIBamdR-voice", "voice");
        assertMedia("video.json", MediaKind.VIDEO, "video/mp4", "BAACAgQAAxkBAAIBa2dR-video", "video");
        assertMedia("video-note.json", MediaKind.VIDEO, "video/mp4", "DQACAgQAAxkBAAIBbGdR-note", "video_note");
        // the animation also carries a document for old clients: it is still an animation
        assertMedia("animation.json", MediaKind.VIDEO, "video/mp4", "CgACAgQAAxkBAAIBbWdR-anim", "animation");
        assertMedia("sticker.json", MediaKind.STICKER, "image/webp", "CAACAgIAAxkBAAIBbmdR-sticker", "sticker");
        assertThat(message("video.json").content()).extracting(c -> ((MediaContent) c).caption())
                .isEqualTo("Hoor je dat rammelen?");
        assertThat(message("sticker.json").metadata()).containsEntry("stickerEmoji", "\uD83D\uDC4D");
    }

    private void assertMedia(String fixture, MediaKind kind, String mime, String fileId, String telegramType) {
        InboundMessage m = message(fixture);
        assertThat(m.content()).as(fixture).isInstanceOfSatisfying(MediaContent.class, media -> {
            assertThat(media.mediaType()).isEqualTo(kind);
            assertThat(media.mimeType()).isEqualTo(mime);
            assertThat(media.url()).isNull();
            assertThat(media.sizeBytes()).isPositive();
        });
        assertThat(m.mediaSources()).as(fixture).extracting(MediaSource::providerRef).containsExactly(fileId);
        assertThat(m.metadata()).as(fixture).containsEntry("telegramType", telegramType);
    }

    @Test
    void locationAndVenue() {
        assertThat(message("location.json").content()).isEqualTo(new LocationContent(52.370216, 4.895168, null, null));
        assertThat(message("venue.json").content()).isEqualTo(new LocationContent(52.089444, 5.110278,
                "Autobedrijf De Vries", "Stationsplein 1, Utrecht"));
    }

    @Test
    void aSharedContactIsACanonicalContact() {
        assertThat(message("contact.json").content()).isEqualTo(new ContactsContent(List.of(
                new ContactCard("Petra Jansen", List.of("+31612345678"), List.of()))));
    }

    @Test
    void aButtonTapIsAChoiceResponseWithTheButtonsTitle() {
        InboundMessage m = message("callback-query.json");
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("slot-mon-14", "Maandag 14:00"));
        assertThat(m.providerMessageId()).isEqualTo("callback:3135896420398127583");
        assertThat(m.replyTo()).isEqualTo(CHAT_ID + ":1380");
        assertThat(m.from().address()).isEqualTo(CHAT_ID);
        assertThat(m.metadata()).containsEntry(TelegramCallbackMapper.CALLBACK_QUERY_ID, "3135896420398127583");
        assertThat(m.timestamp()).isEqualTo(TelegramFixtures.RECEIVED_AT);
    }

    @Test
    void aTapOnAnInlineModeMessageIsThePersonsChat() {
        InboundEvent e = normalize("""
                {"update_id": 9, "callback_query": {"id": "77", "from": {"id": 555, "first_name": "Ans"},
                 "inline_message_id": "BAAAA", "chat_instance": "1", "data": "yes"}}""");
        assertThat(e).isInstanceOfSatisfying(InboundMessage.class, m -> {
            assertThat(m.contactKey()).isEqualTo("555");
            assertThat(m.content()).isEqualTo(new ChoiceResponseContent("yes", null));
        });
    }

    @Test
    void anEditIsTheNewTextMarkedAsAnEditOfTheMessage() {
        InboundMessage m = message("edited-message.json");
        assertThat(m.content()).isEqualTo(TextContent.of("Is de Golf GTI (2021) nog beschikbaar?"));
        assertThat(m.providerMessageId()).isEqualTo(CHAT_ID + ":1365#edit-1795169955");
        assertThat(m.replyTo()).isEqualTo(CHAT_ID + ":1365");
        assertThat(m.metadata()).containsEntry("event", "message_edit")
                .containsEntry("editedMessageId", CHAT_ID + ":1365");
        assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1795169955L));
        assertThat(m.providerMessageId()).isNotEqualTo(message("text.json").providerMessageId());
    }

    @Test
    void blockingTheBotIsAnOptOutAndUnblockingAnOptIn() {
        List<InboundEvent> blocked = events("my-chat-member-blocked.json");
        assertThat(blocked).singleElement().isInstanceOfSatisfying(ContactEvent.class, e -> {
            assertThat(e.type()).isEqualTo(ContactEvent.CONSENT_CHANGED);
            assertThat(e.contactAddress()).isEqualTo(CHAT_ID);
            assertThat(e.consent().optedIn()).isFalse();
            assertThat(e.providerEventId()).isEqualTo(CHAT_ID + "#my_chat_member-815302132");
            assertThat(e.timestamp()).isEqualTo(Instant.ofEpochSecond(1795170000L));
            assertThat(e.details()).containsEntry("oldStatus", "member").containsEntry("newStatus", "kicked");
        });
        assertThat(events("my-chat-member-unblocked.json")).singleElement()
                .isInstanceOfSatisfying(ContactEvent.class, e -> assertThat(e.consent().optedIn()).isTrue());
    }

    @Test
    void aMembershipChangeThatIsNoBlockGivesNoConsent() {
        assertThat(normalizer.normalize(TelegramFixtures.payload("""
                {"update_id": 10, "my_chat_member": {"chat": {"id": 5, "type": "private"}, "date": 1795170000,
                 "old_chat_member": {"status": "left"}, "new_chat_member": {"status": "member"}}}"""
                .getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"group-message.json", "channel-post.json"})
    void groupsAndChannelsAreNotTheHubs(String fixture) {
        assertThat(events(fixture)).isEmpty();
    }

    @Test
    void aBotAddedToAGroupGivesNoConsentEvent() {
        assertThat(normalizer.normalize(TelegramFixtures.payload("""
                {"update_id": 11, "my_chat_member": {"chat": {"id": -100123, "type": "group", "title": "x"},
                 "date": 1795170000, "old_chat_member": {"status": "member"}, "new_chat_member": {"status": "kicked"}}}"""
                .getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void anUnknownUpdateKindIsUnsupportedWithItsRawJson() {
        InboundMessage m = message("message-reaction.json");
        assertThat(m.content()).isInstanceOfSatisfying(UnsupportedContent.class, u -> {
            assertThat(u.providerType()).isEqualTo("message_reaction");
            assertThat(u.raw().path("new_reaction").get(0).path("emoji").asText()).isEqualTo("\uD83D\uDC4D");
        });
        assertThat(m.contactKey()).isEqualTo(CHAT_ID);
        assertThat(m.providerMessageId()).isEqualTo(CHAT_ID + "#message_reaction-815302136");
    }

    @Test
    void anUnknownMessageContentIsUnsupportedWithTheMessage() {
        InboundMessage m = message("dice.json");
        assertThat(m.content()).isInstanceOfSatisfying(UnsupportedContent.class, u -> {
            assertThat(u.providerType()).isEqualTo("message.dice");
            assertThat(u.raw().path("dice").path("value").asInt()).isEqualTo(4);
        });
        assertThat(m.providerMessageId()).isEqualTo(CHAT_ID + ":1381");
    }

    @Test
    void aRedeliveryHasTheSameIds() {
        for (String fixture : TelegramConnectorContractTest.EVENT_FIXTURES) {
            assertThat(events(fixture)).as(fixture).isEqualTo(events(fixture));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "null", "42", "\"update\"", "{\"message\": {}}", "{\"update_id\": \"7\"}",
            "{\"update_id\": 1.5, \"message\": {}}", "{\"update_id\": 7}", "{\"update_id\": 7, \"message\": 3}",
            "{\"update_id\": 7, \"message\": {\"message_id\": 1, \"chat\": {\"type\": \"private\"}}}",
            "{\"update_id\": 7, \"message\": {\"chat\": {\"id\": 1, \"type\": \"private\"}}}",
            "{\"update_id\": 7, \"update_id\": 8, \"message\": {}}",
            "{\"update_id\": 7, \"callback_query\": {\"from\": {\"id\": 1}, \"data\": \"x\"}}"})
    void whatIsNoUpdateIsMalformed(String body) {
        assertThatThrownBy(() -> normalizer.normalize(TelegramFixtures.payload(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedPayloadException.class);
    }
}
