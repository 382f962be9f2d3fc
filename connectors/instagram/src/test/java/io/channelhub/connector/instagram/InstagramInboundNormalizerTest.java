package io.channelhub.connector.instagram;

import static io.channelhub.connector.instagram.InstagramFixtures.ACCOUNT_ID;
import static io.channelhub.connector.instagram.InstagramFixtures.CDN_URL;
import static io.channelhub.connector.instagram.InstagramFixtures.EVENT_TIME;
import static io.channelhub.connector.instagram.InstagramFixtures.IGSID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented kind of Instagram webhook event, fixture by fixture, field by field. */
class InstagramInboundNormalizerTest {

    private final InstagramInboundNormalizer normalizer = new InstagramInboundNormalizer();

    private List<InboundEvent> normalize(String fixture) {
        return normalizer.normalize(InstagramFixtures.inbound(fixture));
    }

    private InboundMessage only(String fixture) {
        List<InboundEvent> events = normalize(fixture);
        assertThat(events).hasSize(1).first().isInstanceOf(InboundMessage.class);
        return (InboundMessage) events.get(0);
    }

    private ContactEvent onlyContactEvent(String fixture) {
        List<InboundEvent> events = normalize(fixture);
        assertThat(events).hasSize(1).first().isInstanceOf(ContactEvent.class);
        ContactEvent e = (ContactEvent) events.get(0);
        assertThat(e.contactAddress()).isEqualTo(IGSID);
        assertThat(e.timestamp()).isEqualTo(EVENT_TIME);
        return e;
    }

    /** What every message of the person shares: who, to which account, when, not an echo. */
    private static InboundMessage fromThePerson(InboundMessage m) {
        assertThat(m.from().address()).isEqualTo(IGSID);
        assertThat(m.to().address()).isEqualTo(ACCOUNT_ID);
        assertThat(m.contactKey()).isEqualTo(IGSID);
        assertThat(m.timestamp()).isEqualTo(EVENT_TIME);
        assertThat(m.echo()).isFalse();
        return m;
    }

    @Test
    void text() {
        InboundMessage m = fromThePerson(only("text.json"));
        assertThat(m.content()).isEqualTo(TextContent.of("Is the blue Golf still available?"));
        assertThat(m.providerMessageId()).startsWith("aWdfZAG1faXRlbToxOklHTWVzc2FnZ");
        assertThat(m.mediaSources()).isEmpty();
        assertThat(m.metadata()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"image.json, IMAGE", "video.json, VIDEO", "audio.json, AUDIO", "file.json, DOCUMENT"})
    void mediaIsFetchedFromTheCdnIntoHubStorage(String fixture, MediaKind kind) {
        InboundMessage m = fromThePerson(only(fixture));
        assertThat(m.content()).isEqualTo(new MediaContent(kind, null, null, null, null, null));
        assertThat(m.mediaSources()).containsExactly(new MediaSource(CDN_URL, null, null));
    }

    @Test
    void severalImagesAreContentAndAttachmentsEachWithItsSource() {
        InboundMessage m = fromThePerson(only("images-several.json"));
        assertThat(m.content()).isInstanceOf(MediaContent.class);
        assertThat(m.attachments()).hasSize(1);
        assertThat(m.mediaSources()).extracting(MediaSource::providerRef).containsExactly(CDN_URL,
                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1839201746352811&signature=Bq7");
    }

    @Test
    void storyMentionPassesTheCdnLinkOnAndStoresNothing() {
        InboundMessage m = fromThePerson(only("story-mention.json"));
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.IMAGE,
                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=9911002233&signature=StoryM", null, null,
                null, null));
        assertThat(m.mediaSources()).isEmpty();
        assertThat(m.metadata()).containsEntry("storyMention", true).containsEntry("mediaStored", false);
    }

    @Test
    void storyReplyNamesTheStory() {
        InboundMessage m = fromThePerson(only("story-reply.json"));
        assertThat(m.content()).isEqualTo(TextContent.of("Love this car!"));
        assertThat(m.replyTo()).isEqualTo("18023456789012345");
        assertThat(m.metadata()).containsEntry("replyToStory", Map.of("id", "18023456789012345", "url",
                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=5566778899&signature=StoryR"));
    }

    @Test
    void replyToAMessage() {
        assertThat(fromThePerson(only("reply-to-message.json")).replyTo()).isEqualTo("aWdf-hub-sent-0100");
    }

    @Test
    void sharedReelIsItsLinkAsText() {
        InboundMessage m = fromThePerson(only("share-reel.json"));
        assertThat(m.content()).isEqualTo(TextContent.of("https://www.instagram.com/reel/C9xYz12AbCd/"));
        assertThat(m.mediaSources()).isEmpty();
        assertThat(m.metadata()).containsEntry("shares", List.of("https://www.instagram.com/reel/C9xYz12AbCd/"));
    }

    @Test
    void quickReplyIsAChoiceResponse() {
        assertThat(fromThePerson(only("quick-reply.json")).content())
                .isEqualTo(new ChoiceResponseContent("BOOK_TEST_DRIVE", "Book a test drive"));
    }

    @Test
    void postbackIsAChoiceResponse() {
        InboundMessage m = fromThePerson(only("postback.json"));
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("CALLBACK", "Call me back"));
        assertThat(m.providerMessageId()).isEqualTo("aWdf-postback-0008");
    }

    @Test
    void reactionAndUnreactHaveIdsOfTheirOwn() {
        InboundMessage react = fromThePerson(only("reaction.json"));
        assertThat(react.content()).isEqualTo(new ReactionContent("\u2764\uFE0F", "aWdf-hub-sent-0100"));
        assertThat(react.metadata()).containsEntry("reaction", "love");
        InboundMessage unreact = fromThePerson(only("reaction-unreact.json"));
        assertThat(unreact.content()).isEqualTo(new ReactionContent("", "aWdf-hub-sent-0100"));
        assertThat(react.providerMessageId()).isNotEqualTo(unreact.providerMessageId())
                .isNotEqualTo("aWdf-hub-sent-0100");
    }

    @Test
    void seenIsAReadWatermarkOfThePerson() {
        assertThat(normalize("seen.json")).containsExactly(
                StatusUpdate.watermark(IGSID, DeliveryStatus.READ, EVENT_TIME));
    }

    @Test
    void unsendIsAContactEventNamingTheMessage() {
        ContactEvent e = onlyContactEvent("unsend.json");
        assertThat(e.type()).isEqualTo(ContactEvent.MESSAGE_DELETED);
        assertThat(e.providerEventId()).isEqualTo("aWdf-text-0009#deleted");
        assertThat(e.providerMessageId()).isEqualTo("aWdf-text-0009");
    }

    @Test
    void unsupportedMessageKeepsItsRawJson() {
        InboundMessage m = fromThePerson(only("unsupported-gif.json"));
        UnsupportedContent content = (UnsupportedContent) m.content();
        assertThat(content.providerType()).isEqualTo("is_unsupported");
        assertThat(content.raw().path("mid").asText()).isEqualTo("aWdf-gif-0010");
    }

    @Test
    void unknownAttachmentIsUnsupportedNotDropped() {
        assertThat(((UnsupportedContent) fromThePerson(only("unknown-attachment.json")).content()).providerType())
                .isEqualTo("attachment.template");
    }

    @Test
    void referralIsAnEventWithTheAd() {
        InboundMessage m = fromThePerson(only("referral-ad.json"));
        assertThat(m.metadata()).containsEntry("event", "referral");
        assertThat(m.metadata().get("referral")).isEqualTo(Map.of("ref", "spring-offer", "source", "ADS",
                "type", "OPEN_THREAD", "ad_id", "120210000000000001"));
    }

    @Test
    void echoOfAMessageWrittenInTheInstagramAppIsAnOutboundMessageOfTheConversation() {
        InboundMessage m = only("echo-from-instagram-app.json");
        assertThat(m.echo()).isTrue();
        assertThat(m.from().address()).isEqualTo(ACCOUNT_ID);
        assertThat(m.to().address()).isEqualTo(IGSID);
        assertThat(m.contactKey()).isEqualTo(IGSID);
        assertThat(m.content()).isEqualTo(TextContent.of("Hi! Yes, it is. When would you like to come by?"));
    }

    @Test
    void echoOfTheHubsOwnSendOnlyConfirmsIt() {
        assertThat(normalize("echo-of-hub-send.json")).containsExactly(new StatusUpdate("aWdf-hub-sent-0100",
                InstagramFixtures.HUB_ID, DeliveryStatus.SENT, null, EVENT_TIME, null));
    }

    @Test
    void standbyAndHandoverAreEventsNotChat() {
        ContactEvent standby = onlyContactEvent("standby-message.json");
        assertThat(standby.type()).isEqualTo(ContactEvent.STANDBY);
        assertThat(standby.details()).containsEntry("standbyEvent", "message");
        assertThat(standby.providerEventId()).isEqualTo("aWdf-standby-0012#standby");
        assertThat(fromThePerson(only("pass-thread-control.json")).metadata())
                .containsEntry("event", "pass_thread_control");
        assertThat(fromThePerson(only("unknown-event.json")).metadata()).containsEntry("event", "message_poll");
    }

    @Test
    void aBatchCopyKeepsOnlyItsAccountsEvents() {
        byte[] body = InstagramFixtures.bytes("inbound/batch-two-accounts.json");
        InboundPayload forOther = new InboundPayload(InstagramFixtures.TENANT, "instagram", body,
                Map.of(InboundPayload.ACCOUNT_HEADER, InstagramFixtures.OTHER_ACCOUNT_ID), EVENT_TIME);
        List<InboundEvent> events = normalizer.normalize(forOther);
        assertThat(events).hasSize(2);
        assertThat(((InboundMessage) events.get(0)).content()).isEqualTo(TextContent.of("Second account"));
        assertThat(events.get(1)).isInstanceOf(StatusUpdate.class);
        assertThat(normalize("batch-two-accounts.json")).hasSize(3);
    }

    @Test
    void otherObjectsAndBodiesAreRefused() {
        byte[] page = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> normalizer.normalize(InstagramFixtures.payload(page)))
                .isInstanceOf(MalformedPayloadException.class);
        byte[] noMid = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"message\":{\"text\":\"x\"}}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> normalizer.normalize(InstagramFixtures.payload(noMid)))
                .isInstanceOf(MalformedPayloadException.class);
    }
}
