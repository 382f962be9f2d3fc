package io.channelhub.connector.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.ACCESS_TOKEN;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.TENANT;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each content type as sent to the Graph API, asserted on the JSON body WireMock received. */
class WhatsAppOutboundSenderTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v26.0/106540352242922/messages";
    private static final String HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";
    private static final String ACCEPTED_ID = "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI4RjU1QjBEQUE3QjQ4NjE5MDQA";

    private WhatsAppConnector connector;

    @BeforeEach
    void setUp() {
        connector = (WhatsAppConnector) new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", graph.baseUrl(), "timeout", "2s")));
        graph.stubFor(post(urlPathEqualTo(MESSAGES))
                .willReturn(okJson(WhatsAppFixtures.text("outbound/send-accepted.json"))));
    }

    private static OutboundMessage message(Content content) {
        return message(content, null, Map.of(), "+31612345678");
    }

    private static OutboundMessage message(Content content, String replyTo, Map<String, Object> metadata, String to) {
        return new OutboundMessage(HUB_ID, TENANT, "whatsapp", null, new Party(to, null), "c-1", content,
                Category.CONVERSATIONAL, replyTo, null, null, null, metadata);
    }

    private SendResult send(OutboundMessage message) {
        return connector.sender().send(message, tenant());
    }

    /** The envelope every send carries, around the type-specific part. */
    private static String envelope(String typeSpecific) {
        return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"31612345678\","
                + typeSpecific + ",\"biz_opaque_callback_data\":\"" + HUB_ID + "\"}";
    }

    private static void assertSent(String json) {
        graph.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(json)));
    }

    @Test
    void textWithoutUrlHasNoPreview() {
        SendResult result = send(message(TextContent.of("Hallo Jan, de auto is er nog.")));
        assertThat(result).isEqualTo(SendResult.of(ACCEPTED_ID));
        assertSent(envelope("\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"Hallo Jan, de auto is er nog.\"}"));
    }

    @Test
    void textWithUrlAsksForAPreview() {
        send(message(TextContent.of("Bekijk https://dealer.example.nl/golf")));
        assertSent(envelope("\"type\":\"text\",\"text\":{\"preview_url\":true,"
                + "\"body\":\"Bekijk https://dealer.example.nl/golf\"}"));
    }

    @Test
    void previewUrlMetadataFlagWins() {
        send(message(TextContent.of("Bekijk https://dealer.example.nl/golf"), null, Map.of("previewUrl", false),
                "+31612345678"));
        graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.text.preview_url", equalTo("false"))));
    }

    @Test
    void replyQuotesTheMessageByContext() {
        send(message(TextContent.of("Ja hoor"), "wamid.QUOTED", Map.of(), "+31612345678"));
        graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.context.message_id", equalTo("wamid.QUOTED"))));
    }

    @Test
    void businessScopedUserIdGoesInRecipient() {
        send(message(TextContent.of("Hallo"), null, Map.of(), "NL.1502576394655843"));
        graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.recipient", equalTo("NL.1502576394655843")))
                .withRequestBody(notMatching("(?s).*\"to\"\\s*:.*")));
    }

    @Test
    void imageByLinkWithCaption() {
        send(message(new MediaContent(MediaKind.IMAGE, "https://cdn.example.nl/golf.jpg", "image/jpeg", null,
                "Voorkant", null)));
        assertSent(envelope("\"type\":\"image\",\"image\":{\"link\":\"https://cdn.example.nl/golf.jpg\","
                + "\"caption\":\"Voorkant\"}"));
    }

    @Test
    void documentByLinkWithFilenameAndCaption() {
        send(message(new MediaContent(MediaKind.DOCUMENT, "https://cdn.example.nl/offerte.pdf", "application/pdf",
                "offerte.pdf", "Uw offerte", null)));
        assertSent(envelope("\"type\":\"document\",\"document\":{\"link\":\"https://cdn.example.nl/offerte.pdf\","
                + "\"caption\":\"Uw offerte\",\"filename\":\"offerte.pdf\"}"));
    }

    @Test
    void audioAndStickerTakeNoCaption() {
        send(message(new MediaContent(MediaKind.AUDIO, "https://cdn.example.nl/a.ogg", null, "a.ogg", "dropped", null)));
        assertSent(envelope("\"type\":\"audio\",\"audio\":{\"link\":\"https://cdn.example.nl/a.ogg\"}"));
        graph.resetRequests();
        send(message(new MediaContent(MediaKind.STICKER, "https://cdn.example.nl/s.webp", null, null, "dropped", null)));
        assertSent(envelope("\"type\":\"sticker\",\"sticker\":{\"link\":\"https://cdn.example.nl/s.webp\"}"));
    }

    @Test
    void videoByLink() {
        send(message(new MediaContent(MediaKind.VIDEO, "https://cdn.example.nl/rit.mp4", "video/mp4", null, null, null)));
        assertSent(envelope("\"type\":\"video\",\"video\":{\"link\":\"https://cdn.example.nl/rit.mp4\"}"));
    }

    @Test
    void location() {
        send(message(new LocationContent(52.3676, 4.9041, "Autobedrijf Zuid", "Kerkstraat 12, Amsterdam")));
        assertSent(envelope("\"type\":\"location\",\"location\":{\"latitude\":52.3676,\"longitude\":4.9041,"
                + "\"name\":\"Autobedrijf Zuid\",\"address\":\"Kerkstraat 12, Amsterdam\"}"));
    }

    @Test
    void contacts() {
        send(message(new ContactsContent(List.of(new ContactCard("Piet Jansen", List.of("+31687654321"),
                List.of("piet@example.nl"))))));
        assertSent(envelope("\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Piet Jansen\","
                + "\"first_name\":\"Piet Jansen\"},\"phones\":[{\"phone\":\"+31687654321\"}],"
                + "\"emails\":[{\"email\":\"piet@example.nl\"}]}]"));
    }

    @Test
    void reactionNeverCarriesContext() {
        send(message(new ReactionContent("\uD83D\uDC4D", "wamid.REACTED"), "wamid.REACTED", Map.of(), "+31612345678"));
        assertSent(envelope("\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.REACTED\","
                + "\"emoji\":\"\uD83D\uDC4D\"}"));
    }

    @Test
    void templateWithStringParametersFillsTheBody() {
        send(message(new TemplateContent("afspraak_bevestiging", "nl", List.of("Jan", "dinsdag 10:00"),
                "Uw afspraak is dinsdag 10:00")));
        assertSent(envelope("\"type\":\"template\",\"template\":{\"name\":\"afspraak_bevestiging\","
                + "\"language\":{\"code\":\"nl\"},\"components\":[{\"type\":\"body\",\"parameters\":["
                + "{\"type\":\"text\",\"text\":\"Jan\"},{\"type\":\"text\",\"text\":\"dinsdag 10:00\"}]}]}"));
    }

    @Test
    void templateWithComponentsPassesThemThrough() {
        Map<String, Object> header = Map.of("type", "header", "parameters",
                List.of(Map.of("type", "image", "image", Map.of("link", "https://cdn.example.nl/golf.jpg"))));
        Map<String, Object> button = Map.of("type", "button", "sub_type", "quick_reply", "index", "0",
                "parameters", List.of(Map.of("type", "payload", "payload", "CONFIRM")));
        send(message(new TemplateContent("nieuwe_occasion", "nl", List.of(header, button), null)));
        assertSent(envelope("\"type\":\"template\",\"template\":{\"name\":\"nieuwe_occasion\","
                + "\"language\":{\"code\":\"nl\"},\"components\":["
                + "{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":{\"link\":\"https://cdn.example.nl/golf.jpg\"}}]},"
                + "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"CONFIRM\"}]}]}"));
    }

    @Test
    void templateWithoutParametersHasNoComponents() {
        send(message(new TemplateContent("hello_world", "en_US", List.of(), null)));
        assertSent(envelope("\"type\":\"template\",\"template\":{\"name\":\"hello_world\","
                + "\"language\":{\"code\":\"en_US\"}}"));
    }

    @Test
    void templateMixingStringsAndComponentsIsRefusedWithoutACall() {
        assertThatThrownBy(() -> send(message(new TemplateContent("t", "nl", List.of("Jan", Map.of("type", "body")),
                null)))).isInstanceOf(PermanentChannelException.class)
                .extracting(e -> ((PermanentChannelException) e).reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void upToThreeShortChoicesBecomeReplyButtons() {
        send(message(new ChoiceContent("Wanneer wilt u langskomen?", List.of(new Choice("tue", "Dinsdag"),
                new Choice("wed", "Woensdag"), new Choice("thu", "Donderdag 20 chars")))));
        assertSent(envelope("\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
                + "\"body\":{\"text\":\"Wanneer wilt u langskomen?\"},\"action\":{\"buttons\":["
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"tue\",\"title\":\"Dinsdag\"}},"
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"wed\",\"title\":\"Woensdag\"}},"
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"thu\",\"title\":\"Donderdag 20 chars\"}}]}}"));
    }

    @Test
    void upToTenChoicesBecomeAList() {
        List<Choice> choices = IntStream.rangeClosed(1, 10).mapToObj(i -> new Choice("m" + i, "Model nummer " + i))
                .toList();
        send(message(new ChoiceContent("Welk model?", choices), null, Map.of("listButton", "Kies model"),
                "+31612345678"));
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            rows.append(i > 1 ? "," : "").append("{\"id\":\"m").append(i).append("\",\"title\":\"Model nummer ")
                    .append(i).append("\"}");
        }
        assertSent(envelope("\"type\":\"interactive\",\"interactive\":{\"type\":\"list\","
                + "\"body\":{\"text\":\"Welk model?\"},\"action\":{\"button\":\"Kies model\","
                + "\"sections\":[{\"rows\":[" + rows + "]}]}}"));
    }

    @Test
    void buttonTitlesOverTwentyCharactersMoveToAList() {
        send(message(new ChoiceContent("Welke?", List.of(new Choice("a", "Volkswagen Golf GTI 2021")))));
        graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.interactive.type", equalTo("list")))
                .withRequestBody(matchingJsonPath("$.interactive.action.button", equalTo("Options"))));
    }

    @Test
    void choicesOverTheListLimitsDegradeToNumberedText() {
        List<Choice> eleven = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            eleven.add(new Choice("o" + i, "Optie " + i));
        }
        ChoiceContent choice = new ChoiceContent("Kies een optie", eleven);
        send(message(choice));
        assertSent(envelope("\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":"
                + "\"" + choice.asNumberedText().text().replace("\n", "\\n") + "\"}"));
    }

    @Test
    void listRowTitlesOverTwentyFourCharactersDegradeToNumberedText() {
        ChoiceContent choice = new ChoiceContent("Welke?", List.of(
                new Choice("a", "Volkswagen Golf GTI Clubsport 2021"), new Choice("b", "Polo")));
        send(message(choice));
        assertSent(envelope("\"type\":\"text\",\"text\":{\"preview_url\":false,"
                + "\"body\":\"Welke?\\n1. Volkswagen Golf GTI Clubsport 2021\\n2. Polo\"}"));
    }

    @Test
    void tenantApiVersionOverridesTheHubDefault() {
        graph.stubFor(post(urlPathEqualTo("/v25.0/106540352242922/messages"))
                .willReturn(okJson(WhatsAppFixtures.text("outbound/send-accepted.json"))));
        connector.sender().send(message(TextContent.of("Hoi")), tenant(Map.of("apiVersion", "v25.0"), Map.of()));
        graph.verify(1, postRequestedFor(urlPathEqualTo("/v25.0/106540352242922/messages")));
    }

    @Test
    void contentTheChannelCannotSendIsRefusedWithoutACall() {
        assertThatThrownBy(() -> send(message(new ChoiceResponseContent("a", "b"))))
                .isInstanceOf(PermanentChannelException.class)
                .extracting(e -> ((PermanentChannelException) e).reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        assertThatThrownBy(() -> send(message(new MediaContent(MediaKind.IMAGE, null, null, null, null, null))))
                .isInstanceOf(PermanentChannelException.class);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void missingAccessTokenOrPhoneNumberIdIsAConfigurationProblem() {
        Map<String, String> noToken = new java.util.HashMap<>();
        noToken.put("accessToken", null);
        assertThatThrownBy(() -> connector.sender().send(message(TextContent.of("x")), tenant(Map.of(), noToken)))
                .isInstanceOf(PermanentChannelException.class)
                .extracting(e -> ((PermanentChannelException) e).reasonCode()).isEqualTo(ReasonCodes.CONNECTOR_DISABLED);
        Map<String, String> noPhone = new java.util.HashMap<>();
        noPhone.put("phoneNumberId", null);
        assertThatThrownBy(() -> connector.sender().send(message(TextContent.of("x")), tenant(noPhone, Map.of())))
                .isInstanceOf(PermanentChannelException.class)
                .hasMessageNotContaining(ACCESS_TOKEN);
        assertThatThrownBy(() -> connector.sender().send(message(TextContent.of("x")),
                tenant(Map.of("phoneNumberId", "../../me"), Map.of())))
                .isInstanceOf(PermanentChannelException.class);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void acceptedAnswerWithoutMessageIdIsTransient() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(okJson("{\"messaging_product\":\"whatsapp\"}")));
        assertThatThrownBy(() -> send(message(TextContent.of("x")))).isInstanceOf(TransientChannelException.class);
    }
}
