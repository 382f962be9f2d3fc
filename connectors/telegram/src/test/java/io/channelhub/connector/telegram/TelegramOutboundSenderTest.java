package io.channelhub.connector.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.telegram.TelegramFixtures.BOT_TOKEN;
import static io.channelhub.connector.telegram.TelegramFixtures.CHAT_ID;
import static io.channelhub.connector.telegram.TelegramFixtures.outbound;
import static io.channelhub.connector.telegram.TelegramFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.SendResult;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each content kind as the Bot API calls it becomes, asserted on the JSON bodies WireMock received. */
class TelegramOutboundSenderTest {

    @RegisterExtension
    static WireMockExtension bot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String API = "/bot" + BOT_TOKEN + "/";
    private TelegramConnector connector;

    @BeforeEach
    void setUp() {
        connector = TelegramFixtures.connector(bot.baseUrl());
        bot.stubFor(post(urlMatching(API + "send.*")).willReturn(
                okJson(TelegramFixtures.text("outbound/send-message-ok.json"))));
        bot.stubFor(post(urlEqualTo(API + "setMessageReaction")).willReturn(
                okJson(TelegramFixtures.text("outbound/ok-true.json"))));
    }

    private SendResult send(Content content) {
        return connector.sender().send(outbound(content), tenant());
    }

    private static void called(String method, String json) {
        bot.verify(postRequestedFor(urlEqualTo(API + method)).withRequestBody(equalToJson(json)));
    }

    private static List<JsonNode> bodies(String method) {
        return bot.findAll(postRequestedFor(urlEqualTo(API + method))).stream().map(LoggedRequest::getBodyAsString)
                .map(TelegramOutboundSenderTest::json).toList();
    }

    private static JsonNode json(String text) {
        try {
            return HubJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void textIsOneSendMessageAndTheResultIsChatAndMessageId() {
        SendResult result = send(TextContent.of("Ja, hij is er nog."));
        assertThat(result.providerMessageId()).isEqualTo(CHAT_ID + ":1401");
        called("sendMessage", "{\"chat_id\": " + CHAT_ID + ", \"text\": \"Ja, hij is er nog.\"}");
    }

    @Test
    void longTextIsSplitInOrderAtParagraphs() {
        String first = "a".repeat(3000);
        String second = "b".repeat(3000);
        String third = "c".repeat(100);
        send(TextContent.of(first + "\n\n" + second + "\n\n" + third));
        List<JsonNode> sent = bodies("sendMessage");
        assertThat(sent).extracting(b -> b.path("text").asText()).containsExactly(first, second + "\n\n" + third);
    }

    @Test
    void aReplyAnswersTheMessageItNames() {
        connector.sender().send(outbound(TextContent.of("Graag!"), CHAT_ID + ":1367"), tenant());
        called("sendMessage", "{\"chat_id\": " + CHAT_ID + ", \"text\": \"Graag!\", \"reply_parameters\":"
                + " {\"message_id\": 1367, \"allow_sending_without_reply\": true}}");
    }

    @Test
    void aChoiceIsAnInlineKeyboardOfCallbackButtons() {
        send(new ChoiceContent("Wanneer wilt u langskomen?", List.of(new Choice("slot-sat-10", "Zaterdag 10:00"),
                new Choice("slot-mon-14", "Maandag 14:00"))));
        called("sendMessage", "{\"chat_id\": " + CHAT_ID + ", \"text\": \"Wanneer wilt u langskomen?\","
                + " \"reply_markup\": {\"inline_keyboard\": [[{\"text\": \"Zaterdag 10:00\", \"callback_data\": \"slot-sat-10\"}],"
                + " [{\"text\": \"Maandag 14:00\", \"callback_data\": \"slot-mon-14\"}]]}}");
    }

    @Test
    void aChoiceWhoseIdExceeds64BytesIsNumberedText() {
        send(new ChoiceContent("Welke auto?", List.of(new Choice("x".repeat(65), "Golf"), new Choice("b", "Polo"))));
        called("sendMessage", "{\"chat_id\": " + CHAT_ID + ", \"text\": \"Welke auto?\\n1. Golf\\n2. Polo\"}");
        assertThat(bodies("sendMessage").get(0).has("reply_markup")).isFalse();
    }

    @Test
    void aChoiceIdOf64MultiByteCharactersIsCountedInBytes() {
        send(new ChoiceContent("Kies", List.of(new Choice("\u00e9".repeat(33), "E"))));
        assertThat(bodies("sendMessage").get(0).has("reply_markup")).isFalse();
        bot.resetRequests();
        send(new ChoiceContent("Kies", List.of(new Choice("\u00e9".repeat(32), "E"))));
        assertThat(bodies("sendMessage").get(0).has("reply_markup")).isTrue();
    }

    @Test
    void mediaGoesByUrlToTheMethodOfItsKind() {
        send(new MediaContent(MediaKind.IMAGE, "https://cdn.example/golf.jpg", "image/jpeg", null, "De Golf GTI", null));
        called("sendPhoto", "{\"chat_id\": " + CHAT_ID + ", \"photo\": \"https://cdn.example/golf.jpg\", \"caption\": \"De Golf GTI\"}");
        send(new MediaContent(MediaKind.DOCUMENT, "https://cdn.example/offerte.pdf", "application/pdf", "offerte.pdf", null, null));
        called("sendDocument", "{\"chat_id\": " + CHAT_ID + ", \"document\": \"https://cdn.example/offerte.pdf\"}");
        send(new MediaContent(MediaKind.VIDEO, "https://cdn.example/rit.mp4", "video/mp4", null, null, null));
        called("sendVideo", "{\"chat_id\": " + CHAT_ID + ", \"video\": \"https://cdn.example/rit.mp4\"}");
        send(new MediaContent(MediaKind.AUDIO, "https://cdn.example/motor.mp3", "audio/mpeg", null, null, null));
        called("sendAudio", "{\"chat_id\": " + CHAT_ID + ", \"audio\": \"https://cdn.example/motor.mp3\"}");
        send(new MediaContent(MediaKind.AUDIO, "https://cdn.example/note.ogg", "audio/ogg; codecs=opus", null, null, null));
        called("sendVoice", "{\"chat_id\": " + CHAT_ID + ", \"voice\": \"https://cdn.example/note.ogg\"}");
        send(new MediaContent(null, "https://cdn.example/foto.png", "image/png", null, null, null));
        called("sendPhoto", "{\"chat_id\": " + CHAT_ID + ", \"photo\": \"https://cdn.example/foto.png\"}");
    }

    @Test
    void aCaptionOverTheLimitFollowsTheMediaAsText() {
        String caption = "c".repeat(TelegramMessageRenderer.MAX_CAPTION + 1);
        SendResult result = send(new MediaContent(MediaKind.IMAGE, "https://cdn.example/golf.jpg", "image/jpeg", null,
                caption, null));
        assertThat(bodies("sendPhoto")).singleElement().satisfies(b -> assertThat(b.has("caption")).isFalse());
        assertThat(bodies("sendMessage")).singleElement().satisfies(b -> assertThat(b.path("text").asText())
                .isEqualTo(caption));
        assertThat(result.providerMessageId()).isEqualTo(CHAT_ID + ":1401");
    }

    @Test
    void mediaWithoutAFetchableUrlIsRefusedBeforeAnyCall() {
        PermanentChannelException e = catchThrowableOfType(() -> send(new MediaContent(MediaKind.IMAGE,
                "file:///etc/passwd", "image/jpeg", null, null, null)), PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        bot.verify(exactly(0), postRequestedFor(urlMatching(".*")));
    }

    @Test
    void aLocationIsALocationAndANamedAddressedPlaceAVenue() {
        send(new LocationContent(52.370216, 4.895168, null, null));
        called("sendLocation", "{\"chat_id\": " + CHAT_ID + ", \"latitude\": 52.370216, \"longitude\": 4.895168}");
        send(new LocationContent(52.089444, 5.110278, "Autobedrijf De Vries", "Stationsplein 1, Utrecht"));
        called("sendVenue", "{\"chat_id\": " + CHAT_ID + ", \"latitude\": 52.089444, \"longitude\": 5.110278,"
                + " \"title\": \"Autobedrijf De Vries\", \"address\": \"Stationsplein 1, Utrecht\"}");
    }

    @Test
    void eachContactIsASendContact() {
        send(new ContactsContent(List.of(new ContactCard("Petra Jansen", List.of("+31612345678"), List.of()),
                new ContactCard("Werkplaats", List.of("+31201234567", "+31201234568"), List.of("werkplaats@example.nl")))));
        List<JsonNode> sent = bodies("sendContact");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(json("{\"chat_id\": " + CHAT_ID
                + ", \"phone_number\": \"+31612345678\", \"first_name\": \"Petra Jansen\"}"));
        assertThat(sent.get(1).path("phone_number").asText()).isEqualTo("+31201234567");
        assertThat(sent.get(1).path("vcard").asText()).contains("TEL:+31201234568", "EMAIL:werkplaats@example.nl");
    }

    @Test
    void aReactionIsSetOnTheMessageWithTelegramsSpellingOfTheEmoji() {
        SendResult result = send(new ReactionContent("\u2764\uFE0F", CHAT_ID + ":1365"));
        called("setMessageReaction", "{\"chat_id\": " + CHAT_ID + ", \"message_id\": 1365,"
                + " \"reaction\": [{\"type\": \"emoji\", \"emoji\": \"\u2764\"}]}");
        assertThat(result.providerMessageId()).isEqualTo(CHAT_ID + ":1365#reaction");
    }

    @Test
    void anEmptyReactionTakesTheReactionBack() {
        send(new ReactionContent("", CHAT_ID + ":1365"));
        called("setMessageReaction", "{\"chat_id\": " + CHAT_ID + ", \"message_id\": 1365, \"reaction\": []}");
    }

    @Test
    void anEmojiBotsMayNotUseIsAnInvalidRequest() {
        PermanentChannelException e = catchThrowableOfType(() -> send(new ReactionContent("\uD83D\uDE97",
                CHAT_ID + ":1365")), PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INVALID_REQUEST);
        bot.verify(exactly(0), postRequestedFor(urlMatching(".*")));
    }

    @Test
    void aTemplateIsNoTelegramContent() {
        PermanentChannelException e = catchThrowableOfType(() -> send(new TemplateContent("welkom", "nl", List.of(),
                "Welkom!")), PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        assertThat(TelegramConnector.DESCRIPTOR.outboundContent())
                .doesNotContain(io.channelhub.core.model.ContentType.TEMPLATE);
    }

    @Test
    void anAddressThatIsNoChatIdIsInvalid() {
        PermanentChannelException e = catchThrowableOfType(() -> connector.sender().send(
                new io.channelhub.core.spi.OutboundMessage("id", "t", "telegram", null,
                        new io.channelhub.core.model.Party("@jandevries", null), "c", TextContent.of("hoi"), null, null,
                        null, null, null, Map.of()), tenant()), PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
    }

    @Test
    void theSplitPartsAreSentEvenWhenEachIsExactlyTheLimit() {
        String text = IntStream.range(0, 2).mapToObj(i -> "w".repeat(TelegramMessageRenderer.MAX_TEXT))
                .reduce("", String::concat);
        send(TextContent.of(text));
        assertThat(bodies("sendMessage")).extracting(b -> b.path("text").asText().length())
                .containsExactly(TelegramMessageRenderer.MAX_TEXT, TelegramMessageRenderer.MAX_TEXT);
    }

    @Test
    void anUnexpectedAnswerWithoutMessageIdIsTransient() {
        bot.stubFor(post(urlEqualTo(API + "sendMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\": true, \"result\": true}")));
        assertThat(catchThrowableOfType(() -> send(TextContent.of("hoi")),
                io.channelhub.core.error.TransientChannelException.class)).isNotNull();
    }
}
