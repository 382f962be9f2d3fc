package io.channelhub.connector.messenger;

import static io.channelhub.connector.messenger.MessengerFixtures.EVENT_TIME;
import static io.channelhub.connector.messenger.MessengerFixtures.PAGE_ID;
import static io.channelhub.connector.messenger.MessengerFixtures.PSID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented kind of Page webhook event, fixture by fixture, field by field. */
class MessengerInboundNormalizerTest {

    private final MessengerInboundNormalizer normalizer = new MessengerInboundNormalizer();

    private List<InboundEvent> normalize(String fixture) {
        return normalizer.normalize(MessengerFixtures.inbound(fixture));
    }

    private InboundMessage only(String fixture) {
        List<InboundEvent> events = normalize(fixture);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(InboundMessage.class);
        return (InboundMessage) events.get(0);
    }

    private ContactEvent onlyContactEvent(String fixture) {
        List<InboundEvent> events = normalize(fixture);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(ContactEvent.class);
        ContactEvent e = (ContactEvent) events.get(0);
        assertThat(e.contactAddress()).isEqualTo(PSID);
        assertThat(e.timestamp()).isEqualTo(EVENT_TIME);
        return e;
    }

    /** What every message from the person shares: who, to which Page, when. */
    private static void fromThePerson(InboundMessage m) {
        assertThat(m.from().address()).isEqualTo(PSID);
        assertThat(m.to().address()).isEqualTo(PAGE_ID);
        assertThat(m.contactKey()).isEqualTo(PSID);
        assertThat(m.timestamp()).isEqualTo(EVENT_TIME);
    }

    @Nested
    class Messages {

        @Test
        void text() {
            InboundMessage m = only("text.json");
            fromThePerson(m);
            assertThat(m.providerMessageId()).startsWith("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM").endsWith("N0P");
            assertThat(m.content()).isEqualTo(TextContent.of("Is de auto nog beschikbaar?"));
            assertThat(m.replyTo()).isNull();
            assertThat(m.mediaSources()).isEmpty();
            assertThat(m.metadata()).isEmpty();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "image.json,                IMAGE,    https://scontent.xx.fbcdn.net/v/t1.15752-9/photo-1.jpg?_nc_cat=1&oh=abc&oe=6790",
                "video.json,                VIDEO,    https://scontent.xx.fbcdn.net/v/t1.15752-9/clip.mp4?oh=def",
                "audio.json,                AUDIO,    https://cdn.fbsbx.com/v/t59.3654-21/voice.mp4?oh=ghi",
                "file.json,                 DOCUMENT, https://cdn.fbsbx.com/v/t59.2708-21/offerte.pdf?oh=jkl",
                "sticker.json,              STICKER,  https://scontent.xx.fbcdn.net/v/t1.15752-9/sticker.png?oh=mno",
                "sticker-legacy-image.json, STICKER,  https://scontent.xx.fbcdn.net/v/t1.15752-9/sticker-like.png?oh=pqr",
        })
        void attachmentsAreMediaFetchedFromTheirUrl(String fixture, MediaKind kind, String url) {
            InboundMessage m = only(fixture);
            fromThePerson(m);
            assertThat(m.content()).isEqualTo(new MediaContent(kind, null, null, null, null, null));
            assertThat(m.mediaSources()).containsExactly(new MediaSource(url, null, null));
            assertThat(m.attachments()).isEmpty();
        }

        @Test
        void bothStickerFormsNameTheSticker() {
            assertThat(only("sticker.json").metadata()).containsEntry("stickerId", "369239263222822");
            assertThat(only("sticker-legacy-image.json").metadata()).containsEntry("stickerId", "369239263222822");
        }

        @Test
        void severalImagesAreContentAndAttachmentsInOrder() {
            InboundMessage m = only("images-several.json");
            assertThat(m.content()).isInstanceOf(MediaContent.class);
            assertThat(m.attachments()).hasSize(1).allSatisfy(a -> assertThat(a.mediaType()).isEqualTo(MediaKind.IMAGE));
            assertThat(m.mediaSources()).extracting(MediaSource::providerRef)
                    .containsExactly("https://scontent.xx.fbcdn.net/v/t1.15752-9/front.jpg?oh=1",
                            "https://scontent.xx.fbcdn.net/v/t1.15752-9/back.jpg?oh=2");
        }

        @Test
        void location() {
            assertThat(only("location.json").content()).isEqualTo(new LocationContent(52.3702, 4.8952, null, null));
        }

        @Test
        void aSharedLinkIsTheTextWithTheShareBeside() {
            InboundMessage m = only("fallback-link-share.json");
            assertThat(m.content()).isEqualTo(TextContent.of("https://www.example-dealer.nl/occasions/1234"));
            assertThat(m.metadata().get("shares")).isEqualTo(List.of(Map.of("type", "fallback",
                    "title", "Volkswagen Golf 1.5 TSI", "url", "https://www.example-dealer.nl/occasions/1234")));
            assertThat(m.mediaSources()).as("a shared page is not media to store").isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
                "reel-share.json, reel, Proefrit in de nieuwe Golf, https://www.facebook.com/reel/812345678901234",
                "post-share.json, post, Open dag zaterdag, https://www.facebook.com/104958162837465/posts/pfbid02abc",
        })
        void aSharedReelOrPostAloneIsItsTitleAndLink(String fixture, String type, String title, String url) {
            InboundMessage m = only(fixture);
            assertThat(m.content()).isEqualTo(TextContent.of(title + "\n" + url));
            assertThat(m.metadata().get("shares")).isEqualTo(List.of(Map.of("type", type, "title", title, "url", url)));
        }

        @Test
        void quickReplyPayloadIsTheChoice() {
            InboundMessage m = only("quick-reply.json");
            fromThePerson(m);
            assertThat(m.providerMessageId()).isEqualTo("m_quick01");
            assertThat(m.content()).isEqualTo(new ChoiceResponseContent("slot-saturday", "Zaterdag"));
        }

        @Test
        void replyToNamesTheMessageAnswered() {
            InboundMessage m = only("reply-to.json");
            assertThat(m.replyTo()).isEqualTo("m_earlier_page_message");
            assertThat(m.content()).isEqualTo(TextContent.of("Ja, die bedoel ik"));
        }

        /** Found by the property test: an attachment without a type is unsupported, not a crash. */
        @Test
        void anAttachmentWithoutTypeIsUnsupported() {
            List<InboundEvent> events = normalizer.normalize(MessengerFixtures.payload(
                    MessengerFixtures.text("inbound/location.json").replace("\"type\": \"location\",", "")
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(events).singleElement().isInstanceOfSatisfying(InboundMessage.class, m -> assertThat(
                    m.content()).isInstanceOfSatisfying(UnsupportedContent.class,
                    u -> assertThat(u.providerType()).isEqualTo("attachment.unknown")));
        }

        @Test
        void anUnknownAttachmentIsUnsupportedWithTheRawMessage() {
            InboundMessage m = only("unsupported-attachment.json");
            assertThat(m.providerMessageId()).isEqualTo("m_template01");
            assertThat(m.content()).isInstanceOfSatisfying(UnsupportedContent.class, u -> {
                assertThat(u.providerType()).isEqualTo("attachment.template");
                assertThat(u.raw().path("attachments").path(0).path("payload").path("template_type").asText())
                        .isEqualTo("generic");
            });
        }
    }

    @Nested
    class Events {

        @Test
        void postbackPayloadIsTheChoice() {
            InboundMessage m = only("postback.json");
            fromThePerson(m);
            assertThat(m.providerMessageId()).isEqualTo("m_postback01");
            assertThat(m.content()).isEqualTo(new ChoiceResponseContent("book-test-drive", "Proefrit plannen"));
        }

        @Test
        void getStartedCarriesTheAdReferralOfANewThread() {
            InboundMessage m = only("postback-get-started-referral.json");
            assertThat(m.content()).isEqualTo(new ChoiceResponseContent("GET_STARTED", "Aan de slag"));
            assertThat(m.providerMessageId()).isEqualTo("postback:" + PSID + ":1795169731000");
            assertThat(m.metadata().get("referral")).isEqualTo(Map.of("ref", "golf-campaign", "source", "ADS",
                    "type", "OPEN_THREAD", "ad_id", "23851234567890123"));
        }

        @Test
        void referralOfAnExistingThreadIsAnEvent() {
            InboundMessage m = only("referral-shortlink.json");
            fromThePerson(m);
            assertThat(m.metadata()).containsEntry("event", "referral")
                    .containsEntry("referral", Map.of("ref", "showroom-qr", "source", "SHORTLINK", "type", "OPEN_THREAD"));
            assertThat(m.content()).isInstanceOf(UnsupportedContent.class);
        }

        @Test
        void reactionAndItsRemovalNameTheMessageReactedTo() {
            InboundMessage react = only("reaction.json");
            fromThePerson(react);
            assertThat(react.content()).isEqualTo(new ReactionContent("\u2764\ufe0f", "m_page_offer"));
            assertThat(react.metadata()).containsEntry("reaction", "love");
            InboundMessage unreact = only("reaction-unreact.json");
            assertThat(unreact.content()).isEqualTo(new ReactionContent("", "m_page_offer"));
            assertThat(unreact.providerMessageId()).as("each its own id, neither the reacted message's")
                    .isNotEqualTo(react.providerMessageId()).isNotEqualTo("m_page_offer");
        }

        @Test
        void anEditIsTheNewTextAnsweringTheEditedMessage() {
            InboundMessage m = only("message-edit.json");
            fromThePerson(m);
            assertThat(m.content()).isEqualTo(TextContent.of("Is de blauwe Golf nog beschikbaar?"));
            assertThat(m.providerMessageId()).isEqualTo("m_text_edited#edit-1");
            assertThat(m.replyTo()).isEqualTo("m_text_edited");
            assertThat(m.metadata()).containsEntry("event", "message_edit").containsEntry("editedMessageId", "m_text_edited")
                    .containsEntry("numEdit", 1);
        }

        @Test
        void anUnsendIsAContactEventNamingTheDeletedMessage() {
            ContactEvent e = onlyContactEvent("message-unsend.json");
            assertThat(e.type()).isEqualTo(ContactEvent.MESSAGE_DELETED);
            assertThat(e.providerEventId()).isEqualTo("m_unsent01#deleted");
            assertThat(e.providerMessageId()).isEqualTo("m_unsent01");
            assertThat(e.consent()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "optin-notification-messages.json, RESUME_NOTIFICATIONS, true",
                "optin-stop-notifications.json,    STOP_NOTIFICATIONS,   false",
        })
        void optInsAreConsentChanges(String fixture, String status, boolean optedIn) {
            ContactEvent e = onlyContactEvent(fixture);
            assertThat(e.type()).isEqualTo(ContactEvent.CONSENT_CHANGED);
            assertThat(e.consent().optedIn()).isEqualTo(optedIn);
            assertThat(e.consent().scope()).as("notification messages are marketing").isEqualTo(ContactEvent.Scope.MARKETING);
            assertThat(e.consent().evidence()).isEqualTo("messaging_optins notification_messages " + status)
                    .doesNotContain("7151718349836590");
            assertThat(e.details()).containsEntry("optinType", "notification_messages")
                    .containsEntry("optinStatus", status).containsEntry("optinPayload", "price-drop-golf")
                    .containsEntry("notificationMessagesToken", "7151718349836590");
        }

        @Test
        void handoverIsAnEvent() {
            InboundMessage m = only("pass-thread-control.json");
            assertThat(m.metadata()).containsEntry("event", "pass_thread_control");
            assertThat(m.contactKey()).isEqualTo(PSID);
        }

        @Test
        void aStandbyMessageIsAContactEventNotTheHubsChat() {
            ContactEvent e = onlyContactEvent("standby-message.json");
            assertThat(e.type()).isEqualTo(ContactEvent.STANDBY);
            assertThat(e.providerEventId()).isEqualTo("m_standby01#standby");
            assertThat(e.details()).containsEntry("standbyEvent", "message");
            assertThat(((JsonNode) e.details().get("event")).path("message").path("text").asText())
                    .isEqualTo("Hallo, ik heb een vraag over mijn bestelling");
        }

        @Test
        void anUnknownEventIsKeptRaw() {
            InboundMessage m = only("unknown-event.json");
            assertThat(m.metadata()).containsEntry("event", "game_play");
            assertThat(m.content()).isInstanceOfSatisfying(UnsupportedContent.class,
                    u -> assertThat(u.raw().path("game_play").path("game_id").asText()).isEqualTo("1234"));
        }

        @Test
        void aRedeliveredEventGetsTheSameId() {
            for (String fixture : List.of("postback-get-started-referral.json", "reaction.json", "referral-shortlink.json",
                    "pass-thread-control.json")) {
                assertThat(only(fixture).providerMessageId()).as(fixture).isEqualTo(only(fixture).providerMessageId());
            }
            for (String fixture : List.of("optin-notification-messages.json", "optin-stop-notifications.json",
                    "message-unsend.json", "standby-message.json")) {
                assertThat(onlyContactEvent(fixture).providerEventId()).as(fixture)
                        .isEqualTo(onlyContactEvent(fixture).providerEventId());
            }
        }
    }

    @Nested
    class Echoes {

        @Test
        void aMessageThePageSentElsewhereIsAnEchoFromThePage() {
            InboundMessage m = only("echo-from-business-suite.json");
            assertThat(m.from().address()).isEqualTo(PAGE_ID);
            assertThat(m.to().address()).isEqualTo(PSID);
            assertThat(m.contactKey()).as("the person's conversation").isEqualTo(PSID);
            assertThat(m.providerMessageId()).isEqualTo("m_echo01");
            assertThat(m.content()).isEqualTo(TextContent.of("Graag gedaan, tot zaterdag!"));
            assertThat(m.echo()).isTrue();
            assertThat(m.metadata()).containsEntry("appId", "263902037430900");
        }

        @Test
        void theEchoOfAHubSendOnlyConfirmsItWasSent() {
            List<InboundEvent> events = normalize("echo-of-hub-send.json");
            assertThat(events).containsExactly(new StatusUpdate("m_hubsend01", MessengerFixtures.HUB_ID,
                    DeliveryStatus.SENT, null, EVENT_TIME, null));
        }
    }

    @Nested
    class Statuses {

        private static final Instant WATERMARK = Instant.ofEpochMilli(1795169730000L);

        @Test
        void aDeliveryWithMidsNamesEachMessage() {
            assertThat(normalize("delivery-with-mids.json")).containsExactly(
                    new StatusUpdate("m_sent_first", null, DeliveryStatus.DELIVERED, null, WATERMARK, null),
                    new StatusUpdate("m_sent_second", null, DeliveryStatus.DELIVERED, null, WATERMARK, null));
        }

        @Test
        void aDeliveryWithoutMidsIsAWatermarkForThePerson() {
            assertThat(normalize("delivery-watermark-only.json")).containsExactly(
                    StatusUpdate.watermark(PSID, DeliveryStatus.DELIVERED, WATERMARK));
        }

        /** Found by the property test: nothing to move, so passed on as an event, not as a status of nobody. */
        @Test
        void aDeliveryNamingNeitherMessageNorPersonIsAnEvent() {
            List<InboundEvent> events = normalizer.normalize(MessengerFixtures.payload(("{\"object\":\"page\","
                    + "\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"messaging\":[{\"delivery\":{}}]}]}")
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(events).singleElement().isInstanceOfSatisfying(InboundMessage.class,
                    m -> assertThat(m.metadata()).containsEntry("event", "delivery"));
        }

        @Test
        void aReadIsAWatermarkForThePerson() {
            assertThat(normalize("read.json")).containsExactly(StatusUpdate.watermark(PSID, DeliveryStatus.READ,
                    Instant.ofEpochMilli(1795169730500L)));
        }
    }

    @Nested
    class Batches {

        @Test
        void everyEventOfEveryEntryInOrder() {
            assertThat(normalize("batch-two-pages.json")).extracting(e -> ((InboundMessage) e).providerMessageId())
                    .containsExactly("m_batch_first", "m_batch_other", "m_batch_second");
            assertThat(normalize("batch-message-delivery-read.json")).hasSize(3)
                    .hasAtLeastOneElementOfType(InboundMessage.class).hasAtLeastOneElementOfType(StatusUpdate.class);
        }

        @Test
        void aCopyForOnePageKeepsThatPagesEvents() {
            InboundPayload copy = new InboundPayload(MessengerFixtures.TENANT, "messenger",
                    MessengerFixtures.bytes("inbound/batch-two-pages.json"),
                    Map.of(InboundPayload.ACCOUNT_HEADER, MessengerFixtures.OTHER_PAGE_ID), MessengerFixtures.RECEIVED_AT);
            assertThat(normalizer.normalize(copy)).singleElement()
                    .satisfies(e -> assertThat(((InboundMessage) e).to().address()).isEqualTo(MessengerFixtures.OTHER_PAGE_ID));
        }

        @Test
        void anythingButAPageWebhookIsMalformed() {
            for (String body : List.of("{\"object\":\"instagram\",\"entry\":[]}", "{\"object\":\"page\"}", "[]",
                    "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"message\":{\"mid\":\"m\",\"text\":\"x\"}}]}]}",
                    "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"message\":{\"text\":\"no mid\"}}]}]}")) {
                assertThatThrownBy(() -> normalizer.normalize(MessengerFixtures.payload(
                        body.getBytes(StandardCharsets.UTF_8)))).as(body).isInstanceOf(MalformedPayloadException.class);
            }
        }
    }
}
