package io.channelhub.connector.sms;

import static io.channelhub.connector.sms.SmsTestSupport.NOW;
import static io.channelhub.connector.sms.SmsTestSupport.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.rest.api.v2010.account.Message;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsInboundNormalizerTest {
    private static final String OUTBOUND_SID = "SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2";
    private static final String MEDIA_BASE = "https://api.twilio.com/2010-04-01/Accounts/"
            + SmsTestSupport.ACCOUNT_SID + "/Messages/MM8e2f6a1b3c5d7e9f0a2b4c6d8e0f1a2b/Media/";

    private final InboundNormalizer normalizer = SmsTestSupport.connector(null, null).normalizer();

    @Test
    void anSmsBecomesATextMessage() {
        InboundMessage message = single(normalizer.normalize(payload("sms-text.form")), InboundMessage.class);
        assertThat(message.from().address()).isEqualTo("+31612345678");
        assertThat(message.to().address()).isEqualTo("+3197010251234");
        assertThat(message.contactKey()).isEqualTo("+31612345678");
        assertThat(message.providerMessageId()).isEqualTo("SM5a7d5e3c9b1f4e2a8c6d0b9e7f1a2c3d");
        assertThat(message.timestamp()).isEqualTo(NOW);
        assertThat(message.content()).isEqualTo(TextContent.of("Is de auto nog beschikbaar? \uD83D\uDE97"));
        assertThat(message.mediaSources()).isEmpty();
        assertThat(message.attachments()).isEmpty();
        assertThat(message.metadata()).isEmpty();
        assertThat(HubJson.mapper().valueToTree(message.content()).get("type").asText()).isEqualTo("text");
    }

    @Test
    void anMmsWithTwoMediaKeepsTheTextAsCaptionAndTheSecondAsAttachment() {
        InboundMessage message = single(normalizer.normalize(payload("mms-two-media.form")), InboundMessage.class);
        assertThat(message.providerMessageId()).isEqualTo("MM8e2f6a1b3c5d7e9f0a2b4c6d8e0f1a2b");
        assertThat(message.content()).isEqualTo(
                new MediaContent(MediaKind.IMAGE, null, "image/jpeg", null, "Hier de foto en het kenteken", null));
        assertThat(message.attachments()).containsExactly(
                new MediaContent(MediaKind.DOCUMENT, null, "application/pdf", null, null, null));
        assertThat(message.mediaSources()).containsExactly(
                new MediaSource(MEDIA_BASE + "ME1f2e3d4c5b6a79880716253443526170", "image/jpeg", null),
                new MediaSource(MEDIA_BASE + "ME2a3b4c5d6e7f80910a1b2c3d4e5f6071", "application/pdf", null));
    }

    @Test
    void anMmsWithoutTextHasNoCaption() {
        String form = "MessageSid=MM1&AccountSid=AC1&From=%2B31612345678&To=%2B3197010251234&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2FME1&MediaContentType0=audio%2Famr&SmsStatus=received";
        InboundMessage message = single(normalizer.normalize(raw(form)), InboundMessage.class);
        assertThat(message.content()).isEqualTo(new MediaContent(MediaKind.AUDIO, null, "audio/amr", null, null, null));
        assertThat(message.mediaSources()).containsExactly(
                new MediaSource("https://api.twilio.com/m/ME1", "audio/amr", null));
    }

    @Test
    void aToOfControlCharactersOnlyIsNoAddress() {
        String form = "MessageSid=SM1&AccountSid=AC1&From=whatsapp%3A%2B31612345678&To=%00&Body=hoi&SmsStatus=received";
        InboundMessage message = single(normalizer.normalize(raw(form)), InboundMessage.class);
        assertThat(message.to()).isNull();
        assertThat(message.from().address()).isEqualTo("+31612345678");
    }

    @Test
    void advancedOptOutTypeIsPassedOnForTheConsentStore() {
        InboundMessage message = single(normalizer.normalize(payload("sms-stop-advanced-opt-out.form")),
                InboundMessage.class);
        assertThat(message.content()).isEqualTo(TextContent.of("STOP"));
        assertThat(message.metadata()).containsEntry("optOutType", "STOP");
    }

    @Test
    void queuedCallbackYieldsNoEvent() {
        assertThat(normalizer.normalize(payload("status-queued.form"))).isEmpty();
        assertThat(normalizer.normalize(raw("MessageSid=SM1&MessageStatus=accepted&AccountSid=AC1"))).isEmpty();
    }

    @Test
    void sentCallbackIsSent() {
        StatusUpdate update = single(normalizer.normalize(payload("status-sent.form")), StatusUpdate.class);
        assertThat(update.providerMessageId()).isEqualTo(OUTBOUND_SID);
        assertThat(update.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(update.reason()).isNull();
        assertThat(update.hubMessageId()).isNull();
        assertThat(update.timestamp()).isEqualTo(NOW);
    }

    @Test
    void deliveredCallbackIsDelivered() {
        StatusUpdate update = single(normalizer.normalize(payload("status-delivered.form")), StatusUpdate.class);
        assertThat(update.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(update.reason()).isNull();
    }

    @Test
    void undeliveredWith30003FailsAsProviderRejected() {
        StatusUpdate update = single(normalizer.normalize(payload("status-undelivered-30003.form")),
                StatusUpdate.class);
        assertThat(update.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(update.reason().code()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(update.reason().providerCode()).isEqualTo("30003");
        assertThat(update.reason().retryable()).isFalse();
        assertThat(update.reason().detail()).contains("undelivered", "30003", "unreachable");
    }

    @Test
    void failedWith30007FailsAsProviderRejected() {
        StatusUpdate update = single(normalizer.normalize(payload("status-failed-30007.form")), StatusUpdate.class);
        assertThat(update.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(update.reason().code()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(update.reason().providerCode()).isEqualTo("30007");
        assertThat(update.reason().detail()).contains("filtered");
    }

    @Test
    void failedWith21610IsAnOptOut() {
        StatusUpdate update = single(normalizer.normalize(payload("status-failed-21610-opted-out.form")),
                StatusUpdate.class);
        assertThat(update.reason().code()).isEqualTo(ReasonCodes.OPTED_OUT);
        assertThat(update.reason().providerCode()).isEqualTo("21610");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30005", "30006"})
    void unknownOrLandlineHandsetsAreInvalidAddresses(String code) {
        StatusUpdate update = single(normalizer.normalize(
                raw("MessageSid=SM1&MessageStatus=undelivered&ErrorCode=" + code)), StatusUpdate.class);
        assertThat(update.reason().code()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
    }

    @Test
    void failedWithoutErrorCodeIsProviderRejected() {
        StatusUpdate update = single(normalizer.normalize(raw("MessageSid=SM1&MessageStatus=failed")),
                StatusUpdate.class);
        assertThat(update.reason().code()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(update.reason().providerCode()).isNull();
    }

    @Test
    void readAndLegacySmsStatusAreUnderstood() {
        assertThat(single(normalizer.normalize(raw("MessageSid=SM1&MessageStatus=read")), StatusUpdate.class)
                .status()).isEqualTo(DeliveryStatus.READ);
        assertThat(single(normalizer.normalize(raw("SmsSid=SM1&SmsStatus=delivered")), StatusUpdate.class)
                .status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void unknownStatusYieldsNoEvent() {
        assertThat(normalizer.normalize(raw("MessageSid=SM1&MessageStatus=teleported"))).isEmpty();
    }

    @Test
    void partiallyDeliveredIsDelivered() {
        StatusUpdate update = single(normalizer.normalize(payload("status-partially-delivered.form")),
                StatusUpdate.class);
        assertThat(update.providerMessageId()).isEqualTo(OUTBOUND_SID);
        assertThat(update.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(update.reason()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"accepted,", "scheduled,", "queued,", "sending,SENT", "sent,SENT", "delivered,DELIVERED",
            "partially_delivered,DELIVERED", "read,READ", "undelivered,FAILED", "failed,FAILED", "canceled,FAILED"})
    void everyOutboundStatusTwilioDocumentsHasItsCanonicalStatus(String twilio, DeliveryStatus expected) {
        List<InboundEvent> events = normalizer.normalize(raw("MessageSid=SM1&MessageStatus=" + twilio));
        if (expected == null) {
            assertThat(events).isEmpty();
        } else {
            assertThat(single(events, StatusUpdate.class).status()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"receiving", "received"})
    void inboundStatusesAreAnIncomingMessageNotAStatus(String status) {
        InboundMessage message = single(normalizer.normalize(raw("MessageSid=SM1&From=%2B31612345678&Body=hoi"
                + "&SmsStatus=" + status)), InboundMessage.class);
        assertThat(message.content()).isEqualTo(TextContent.of("hoi"));
    }

    @ParameterizedTest
    @EnumSource(Message.Status.class)
    void everyStatusOfTheSdkIsKnown(Message.Status status) {
        assertThat(SmsDeliveryStatuses.isKnown(status.toString())).as(status.toString()).isTrue();
    }

    // ---- WhatsApp through Twilio --------------------------------------------------------------------

    @Test
    void aWhatsappTextHasE164AddressesAndKeepsTheChannelInMetadata() {
        InboundMessage message = single(normalizer.normalize(payload("whatsapp-text.form")), InboundMessage.class);
        assertThat(message.from()).isEqualTo(new Party("+31612345678", "Jan de Vries"));
        assertThat(message.to()).isEqualTo(new Party("+3197010251234", null));
        assertThat(message.contactKey()).isEqualTo("+31612345678");
        assertThat(message.content()).isEqualTo(TextContent.of("Staat de auto nog te koop?"));
        assertThat(message.metadata()).containsExactly(Map.entry("twilioChannel", "whatsapp"));
    }

    @Test
    void aWhatsappLocationIsLocationContent() {
        InboundMessage message = single(normalizer.normalize(payload("whatsapp-location.form")),
                InboundMessage.class);
        assertThat(message.content()).isEqualTo(
                new LocationContent(52.3675734, 4.9041389, "Showroom Dam", "Dam 1, 1012 JS Amsterdam"));
        assertThat(message.from().address()).isEqualTo("+31612345678");
        assertThat(HubJson.mapper().valueToTree(message.content()).get("type").asText()).isEqualTo("location");
    }

    @Test
    void aLocationWithoutNameOrAddressIsJustThePoint() {
        InboundMessage message = single(normalizer.normalize(raw("MessageSid=SM1&From=whatsapp%3A%2B31612345678"
                + "&Body=&Latitude=-33.8568&Longitude=151.2153")), InboundMessage.class);
        assertThat(message.content()).isEqualTo(new LocationContent(-33.8568, 151.2153, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Latitude=abc&Longitude=4.9", "Latitude=91&Longitude=4.9", "Latitude=52.3&Longitude=181",
            "Latitude=52.3", "Latitude=NaN&Longitude=4.9"})
    void coordinatesThatAreNotOnTheGlobeLeaveTheText(String coordinates) {
        InboundMessage message = single(normalizer.normalize(raw("MessageSid=SM1&From=whatsapp%3A%2B31612345678"
                + "&Body=hier&" + coordinates)), InboundMessage.class);
        assertThat(message.content()).isEqualTo(TextContent.of("hier"));
    }

    @Test
    void aWhatsappButtonTapIsAChoiceResponse() {
        InboundMessage message = single(normalizer.normalize(payload("whatsapp-button-reply.form")),
                InboundMessage.class);
        assertThat(message.content()).isEqualTo(new ChoiceResponseContent("test-drive-yes", "Ja, proefrit plannen"));
        assertThat(HubJson.mapper().valueToTree(message.content()).get("type").asText())
                .isEqualTo("choice_response");
    }

    @Test
    void aButtonWithoutPayloadIsKnownByItsText() {
        InboundMessage message = single(normalizer.normalize(raw("MessageSid=SM1&From=whatsapp%3A%2B31612345678"
                + "&Body=Ja&ButtonText=Ja")), InboundMessage.class);
        assertThat(message.content()).isEqualTo(new ChoiceResponseContent("Ja", "Ja"));
    }

    @Test
    void aWhatsappListPickIsAChoiceResponse() {
        InboundMessage message = single(normalizer.normalize(payload("whatsapp-list-reply.form")),
                InboundMessage.class);
        assertThat(message.content()).isEqualTo(new ChoiceResponseContent("slot-sat-10", "Zaterdag 10:00"));
    }

    @Test
    void aPlainSmsHasNoChannelInMetadata() {
        InboundMessage message = single(normalizer.normalize(payload("sms-text.form")), InboundMessage.class);
        assertThat(message.metadata()).doesNotContainKey("twilioChannel");
        assertThat(message.from().name()).isNull();
    }

    @Test
    void aJsonBodyOfTwiliosParametersIsReadLikeTheForm() {
        InboundMessage message = single(normalizer.normalize(SmsTestSupport.payload(
                SmsTestSupport.fixture("inbound/sms-text.json"), Map.of("Content-Type", "application/json"))),
                InboundMessage.class);
        assertThat(message.providerMessageId()).isEqualTo("SMc15b6a7f8e9d0a1b3c4d5e6f708192a3");
        assertThat(message.from().address()).isEqualTo("+31612345678");
        assertThat(message.content()).isEqualTo(TextContent.of("Wanneer kan ik langskomen?"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"MessageSid\":\"SM1\"}]", "\"SM1\"", "{\"Body\":\"hi\"}", "{", "MessageSid=SM1&From=x"})
    void jsonThatIsNotAnObjectOfTwiliosParametersIsMalformed(String body) {
        assertThatThrownBy(() -> normalizer.normalize(SmsTestSupport.payload(body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json; charset=utf-8"))))
                .isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void hubMessageIdIsTakenFromThePayloadHeaderWhenTheHubKeptIt() {
        byte[] callback = SmsTestSupport.fixture("inbound/status-delivered.form");
        StatusUpdate update = single(normalizer.normalize(payload(callback,
                Map.of("X-Hub-Message-Id", "0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87"))), StatusUpdate.class);
        assertThat(update.hubMessageId()).isEqualTo("0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87");
        assertThat(update.providerMessageId()).isEqualTo(OUTBOUND_SID);
    }

    @Test
    void aMessageWithoutBodyOrMediaIsUnsupportedNotDropped() {
        InboundMessage message = single(normalizer.normalize(
                raw("MessageSid=SM1&AccountSid=AC1&From=%2B31612345678&To=%2B3197010251234&SmsStatus=received")),
                InboundMessage.class);
        assertThat(message.content()).isInstanceOf(UnsupportedContent.class);
        assertThat(((UnsupportedContent) message.content()).raw().get("From").asText()).isEqualTo("+31612345678");
    }

    @Test
    void anEmptyBodyIsAnEmptyText() {
        InboundMessage message = single(normalizer.normalize(
                raw("MessageSid=SM1&From=%2B31612345678&To=%2B3197010251234&Body=&NumMedia=0")), InboundMessage.class);
        assertThat(message.content()).isEqualTo(TextContent.of(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "null", "[1,2", "<xml/>", "{\"MessageSid\":\"SM1\"}", "AccountSid=AC1&Body=hi",
            "Body=%E0%A4%A", "MessageSid=SM1&Body=hi", "MessageSid=SM1&From=whatsapp%3A&Body=hi"})
    void garbageIsMalformed(String body) {
        assertThatThrownBy(() -> normalizer.normalize(raw(body))).isInstanceOf(MalformedPayloadException.class);
    }

    private static io.channelhub.core.spi.InboundPayload raw(String form) {
        return SmsTestSupport.payload(form.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static <T extends InboundEvent> T single(List<InboundEvent> events, Class<T> type) {
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(type);
        return type.cast(events.get(0));
    }
}
