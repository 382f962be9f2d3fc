package io.channelhub.connector.whatsapp;

import static io.channelhub.connector.whatsapp.WhatsAppFixtures.inbound;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inbound consumer messages of every WhatsApp type, normalized field by field. */
class WhatsAppInboundNormalizerTest {

    private static final String USER = "+31612345678";
    private static final Party BUSINESS = new Party("+15550783881", null);
    private static final String QUOTED = "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";

    private final WhatsAppInboundNormalizer normalizer = new WhatsAppInboundNormalizer();

    private InboundMessage single(String fixture) {
        List<InboundEvent> events = normalizer.normalize(inbound(fixture));
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(InboundMessage.class);
        return (InboundMessage) events.get(0);
    }

    private static Instant at(int offsetSeconds) {
        return Instant.parse("2026-11-20T10:15:30Z").plusSeconds(offsetSeconds);
    }

    @Test
    void text() {
        InboundMessage m = single("text.json");
        assertThat(m.from()).isEqualTo(new Party(USER, "Jan de Vries"));
        assertThat(m.to()).isEqualTo(BUSINESS);
        assertThat(m.contactKey()).isEqualTo(USER);
        assertThat(m.providerMessageId()).isEqualTo("wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM31");
        assertThat(m.timestamp()).isEqualTo(at(1));
        assertThat(m.content()).isEqualTo(TextContent.of("Is de auto nog beschikbaar?"));
        assertThat(m.replyTo()).isNull();
        assertThat(m.mediaSources()).isEmpty();
        assertThat(m.attachments()).isEmpty();
        assertThat(m.headers()).isNull();
        assertThat(m.metadata()).isEmpty();
    }

    @Test
    void imageIsMediaWithoutUrlAndAMediaSource() {
        InboundMessage m = single("image.json");
        assertThat(m.content()).isEqualTo(
                new MediaContent(MediaKind.IMAGE, null, "image/jpeg", null, "Kras op de deur", null));
        assertThat(m.mediaSources()).containsExactly(new MediaSource("1306893950859432", "image/jpeg", null));
        assertThat(m.timestamp()).isEqualTo(at(2));
    }

    @Test
    void voiceNoteIsAudioWithTheVoiceFlag() {
        InboundMessage m = single("audio-voice.json");
        assertThat(m.content()).isEqualTo(
                new MediaContent(MediaKind.AUDIO, null, "audio/ogg; codecs=opus", null, null, null));
        assertThat(m.mediaSources()).containsExactly(
                new MediaSource("1044402017583261", "audio/ogg; codecs=opus", null));
        assertThat(m.metadata()).containsExactly(Map.entry("voice", true));
    }

    @Test
    void video() {
        InboundMessage m = single("video.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.VIDEO, null, "video/mp4", null, "Proefrit", null));
        assertThat(m.mediaSources()).containsExactly(new MediaSource("1578094186397540", "video/mp4", null));
    }

    @Test
    void documentKeepsItsFilename() {
        InboundMessage m = single("document.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.DOCUMENT, null, "application/pdf",
                "offerte-2026-118.pdf", "Mijn offerte", null));
        assertThat(m.mediaSources()).containsExactly(
                new MediaSource("2157320094876111", "application/pdf", "offerte-2026-118.pdf"));
    }

    @Test
    void sticker() {
        InboundMessage m = single("sticker.json");
        assertThat(m.content()).isEqualTo(new MediaContent(MediaKind.STICKER, null, "image/webp", null, null, null));
        assertThat(m.mediaSources()).containsExactly(new MediaSource("819273645564738", "image/webp", null));
        assertThat(m.metadata()).containsExactly(Map.entry("animated", false));
    }

    @Test
    void location() {
        InboundMessage m = single("location.json");
        assertThat(m.content()).isEqualTo(
                new LocationContent(52.3676, 4.9041, "Autobedrijf Zuid", "Kerkstraat 12, Amsterdam"));
        assertThat(m.mediaSources()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"latitude\": 91.0", "\"latitude\": -90.5", "\"latitude\": \"NaN\""})
    void aLocationOffTheGlobeIsUnsupported(String latitude) {
        String body = WhatsAppFixtures.text("inbound/location.json").replace("\"latitude\": 52.3676", latitude);
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(m.content()).isInstanceOf(UnsupportedContent.class);
    }

    @Test
    void contacts() {
        InboundMessage m = single("contacts.json");
        assertThat(m.content()).isEqualTo(new ContactsContent(List.of(new ContactCard("Piet Jansen",
                List.of("+31 6 87654321", "+31 30 1234567"), List.of("piet@example.nl")))));
    }

    @Test
    void interactiveButtonReplyIsAChoiceResponseToTheBusinessMessage() {
        InboundMessage m = single("interactive-button-reply.json");
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("slot-tue-10", "Dinsdag 10:00"));
        assertThat(m.replyTo()).isEqualTo(QUOTED);
    }

    @Test
    void interactiveListReplyIsAChoiceResponse() {
        InboundMessage m = single("interactive-list-reply.json");
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("model-golf", "Volkswagen Golf"));
        assertThat(m.replyTo()).isEqualTo(QUOTED);
    }

    @Test
    void templateQuickReplyButtonIsAChoiceResponseWithThePayloadAsId() {
        InboundMessage m = single("button-template-quick-reply.json");
        assertThat(m.content()).isEqualTo(new ChoiceResponseContent("CONFIRM_APPOINTMENT", "Ja, bevestig"));
        assertThat(m.replyTo()).isEqualTo(QUOTED);
    }

    @Test
    void reaction() {
        InboundMessage m = single("reaction.json");
        assertThat(m.content()).isEqualTo(new ReactionContent("\uD83D\uDC4D", QUOTED));
        assertThat(m.replyTo()).isNull();
    }

    @Test
    void removedReactionHasAnEmptyEmoji() {
        InboundMessage m = single("reaction-removed.json");
        assertThat(m.content()).isEqualTo(new ReactionContent("", QUOTED));
    }

    @Test
    void adReferralIsKeptInMetadata() {
        InboundMessage m = single("referral-ad.json");
        assertThat(m.content()).isEqualTo(TextContent.of("Ik heb interesse in deze auto"));
        assertThat(m.metadata()).containsOnlyKeys("referral");
        @SuppressWarnings("unchecked")
        Map<String, Object> referral = (Map<String, Object>) m.metadata().get("referral");
        assertThat(referral)
                .containsEntry("source_url", "https://fb.me/3cr4Wqqkv")
                .containsEntry("source_id", "120211467123450123")
                .containsEntry("source_type", "ad")
                .containsEntry("headline", "Occasion van de week")
                .containsEntry("media_type", "image")
                .containsKey("ctwa_clid");
    }

    @Test
    void replyCarriesTheQuotedMessageId() {
        InboundMessage m = single("reply-with-context.json");
        assertThat(m.content()).isEqualTo(TextContent.of("Kan het ook donderdag?"));
        assertThat(m.replyTo()).isEqualTo("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBJGMjNDOTk0QjQ1RjE0NTJBQzcA");
    }

    @Test
    void unsupportedMessageIsDeliveredWithItsRawObject() {
        InboundMessage m = single("unsupported.json");
        assertThat(m.content()).isInstanceOf(UnsupportedContent.class);
        UnsupportedContent content = (UnsupportedContent) m.content();
        assertThat(content.providerType()).isEqualTo("unsupported");
        JsonNode raw = content.raw();
        assertThat(raw.path("id").asText()).isEqualTo(m.providerMessageId());
        assertThat(raw.path("errors").path(0).path("code").asInt()).isEqualTo(131051);
        assertThat(m.from().address()).isEqualTo(USER);
        assertThat(m.mediaSources()).isEmpty();
    }

    @Test
    void unknownTypeIsDeliveredAsUnsupported() {
        InboundMessage m = single("unknown-order.json");
        UnsupportedContent content = (UnsupportedContent) m.content();
        assertThat(content.providerType()).isEqualTo("order");
        assertThat(content.raw().path("order").path("catalog_id").asText()).isEqualTo("1453459722005563");
    }

    @Test
    void flowsReplyIsUnsupportedWithItsInteractiveKind() {
        String body = WhatsAppFixtures.text("inbound/interactive-button-reply.json")
                .replace("\"type\": \"button_reply\"", "\"type\": \"nfm_reply\"")
                .replace("\"button_reply\": {", "\"nfm_reply\": {\"name\": \"flow\", \"response_json\": \"{}\", ");
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))).get(0);
        UnsupportedContent content = (UnsupportedContent) m.content();
        assertThat(content.providerType()).isEqualTo("interactive.nfm_reply");
        assertThat(content.raw().path("interactive").path("nfm_reply").path("name").asText()).isEqualTo("flow");
        assertThat(m.replyTo()).isEqualTo(QUOTED);
    }

    @Test
    void systemMessageWithoutContactsIsUnsupportedFromThePhone() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":"
                + "[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"messages\":[{\"from\":\"31612345678\","
                + "\"id\":\"wamid.SYS\",\"timestamp\":\"1795169730\",\"type\":\"system\",\"system\":{\"body\":"
                + "\"User Jan changed from 31612345678 to 31687654321\",\"wa_id\":\"31687654321\",\"type\":"
                + "\"user_changed_number\"}}]},\"field\":\"messages\"}]}]}";
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(m.from()).isEqualTo(new Party(USER, null));
        assertThat(((UnsupportedContent) m.content()).providerType()).isEqualTo("system");
    }

    @Test
    void usernameUserWithoutPhoneIsKeyedAndAddressedByBsuid() {
        InboundMessage m = single("bsuid-username-without-phone.json");
        assertThat(m.from()).isEqualTo(new Party("NL.1502576394655843", "Sanne"));
        assertThat(m.contactKey()).isEqualTo("NL.1502576394655843");
        assertThat(m.content()).isEqualTo(TextContent.of("Hallo, ik zoek een elektrische auto"));
        assertThat(m.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("bsuid", "NL.1502576394655843", "username", "@sanne.rijdt"));
        // the same user in a later payload gets the same key
        assertThat(single("bsuid-username-without-phone.json").contactKey()).isEqualTo(m.contactKey());
    }

    @Test
    void userWithPhoneAndBsuidIsAddressedByPhoneButKeyedByBsuid() {
        InboundMessage m = single("bsuid-with-phone.json");
        assertThat(m.from()).isEqualTo(new Party(USER, "Jan de Vries"));
        assertThat(m.contactKey()).isEqualTo("NL.8841023377120456");
        assertThat(m.metadata()).containsExactly(Map.entry("bsuid", "NL.8841023377120456"));
    }

    @Test
    void batchYieldsEveryMessageAndStatusOfEveryEntryAndChange() {
        List<InboundEvent> events = normalizer.normalize(inbound("batch-multi-entry.json"));
        assertThat(events).hasSize(5);
        assertThat(events).filteredOn(InboundMessage.class::isInstance).extracting(e -> ((InboundMessage) e).content())
                .containsExactly(TextContent.of("Eerste"), TextContent.of("Tweede"),
                        TextContent.of("Van het tweede nummer"));
        assertThat(events).filteredOn(StatusUpdate.class::isInstance).hasSize(2);
        InboundMessage second = (InboundMessage) events.get(4);
        assertThat(second.from()).isEqualTo(new Party("+4915112345678", "Lena"));
        assertThat(second.to()).isEqualTo(new Party("+31201234567", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"template-status-update.json", "account-update-verified.json",
            "phone-number-quality-update.json", "business-capability-update.json"})
    void fieldsTheHubDoesNotUseYieldNothing(String fixture) {
        assertThat(normalizer.normalize(inbound(fixture))).isEmpty();
    }

    /** The copy queued for the business account's tenant must not repeat the phone number's messages. */
    @Test
    void aCopyMarkedWithTheBusinessAccountYieldsNoMessages() {
        byte[] body = WhatsAppFixtures.bytes("inbound/mixed-message-and-account-events.json");
        InboundPayload forPhone = new InboundPayload(WhatsAppFixtures.TENANT, "whatsapp", body,
                Map.of(InboundPayload.ACCOUNT_HEADER, WhatsAppFixtures.PHONE_NUMBER_ID), WhatsAppFixtures.RECEIVED_AT);
        InboundPayload forBusinessAccount = new InboundPayload(WhatsAppFixtures.TENANT, "whatsapp", body,
                Map.of(InboundPayload.ACCOUNT_HEADER, "102290129340398"), WhatsAppFixtures.RECEIVED_AT);
        assertThat(normalizer.normalize(forPhone)).hasSize(1);
        assertThat(normalizer.normalize(forBusinessAccount)).isEmpty();
    }

    @Test
    void missingTimestampFallsBackToReceipt() {
        String body = WhatsAppFixtures.text("inbound/text.json").replace("\"timestamp\": \"1795169731\",", "");
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(m.timestamp()).isEqualTo(WhatsAppFixtures.RECEIVED_AT);
    }

    @Test
    void textWithoutBodyIsUnsupportedNotDropped() {
        String body = WhatsAppFixtures.text("inbound/text.json")
                .replace("\"body\": \"Is de auto nog beschikbaar?\"", "\"preview\": true");
        InboundMessage m = (InboundMessage) normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(m.content()).isInstanceOf(UnsupportedContent.class);
        assertThat(((UnsupportedContent) m.content()).providerType()).isEqualTo("text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "null", "[]", "\"text\"", "<xml/>", "{\"entry\":[]}",
            "{\"object\":\"page\",\"entry\":[]}", "{\"object\":\"whatsapp_business_account\"}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":{}}"})
    void nonWhatsAppInputIsMalformed(String body) {
        assertThatThrownBy(() -> normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void messageNamingNoSenderIsMalformed() {
        String body = WhatsAppFixtures.text("inbound/text.json")
                .replace("\"from\": \"31612345678\",", "")
                .replace("\"wa_id\": \"31612345678\"", "\"input\": \"x\"");
        assertThatThrownBy(() -> normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedPayloadException.class);
    }
}
