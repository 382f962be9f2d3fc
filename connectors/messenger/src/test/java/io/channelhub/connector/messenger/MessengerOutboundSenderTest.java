package io.channelhub.connector.messenger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.messenger.MessengerFixtures.HUB_ID;
import static io.channelhub.connector.messenger.MessengerFixtures.PAGE_TOKEN;
import static io.channelhub.connector.messenger.MessengerFixtures.PSID;
import static io.channelhub.connector.messenger.MessengerFixtures.outbound;
import static io.channelhub.connector.messenger.MessengerFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.SendResult;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each content type as sent to the Send API, asserted on the JSON body WireMock received. */
class MessengerOutboundSenderTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v26.0/" + MessengerFixtures.PAGE_ID + "/messages";
    private static final String MID = "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0Q";

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = new MessengerConnectorFactory().create(MessengerFixtures.environment(
                Map.of("base-url", graph.baseUrl())));
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(MessengerFixtures.text("outbound/send-accepted.json"))));
    }

    private SendResult send(Content content, String tag) {
        return connector.sender().send(outbound(content, tag), tenant());
    }

    private static void sent(String json) {
        graph.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + PAGE_TOKEN))
                .withRequestBody(equalToJson(json)));
    }

    private static String envelope(String type, String message) {
        return "{\"recipient\":{\"id\":\"" + PSID + "\"}," + type + ",\"message\":" + message + "}";
    }

    private static final String RESPONSE = "\"messaging_type\":\"RESPONSE\"";
    private static final String OWN = "\"metadata\":\"channel-hub:" + HUB_ID + "\"";

    @Test
    void textInsideTheWindowIsAResponseThatNamesTheHubId() {
        assertThat(send(TextContent.of("Ja, hij is er nog."), null).providerMessageId()).isEqualTo(MID);
        sent(envelope(RESPONSE, "{\"text\":\"Ja, hij is er nog.\"," + OWN + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HUMAN_AGENT", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE", "CONFIRMED_EVENT_UPDATE"})
    void aTaggedMessageGoesAsMessageTag(String tag) {
        send(TextContent.of("Uw auto is klaar."), tag);
        sent(envelope("\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"" + tag + "\"",
                "{\"text\":\"Uw auto is klaar.\"," + OWN + "}"));
    }

    @Test
    void aTagMessengerDoesNotHaveIsRefusedBeforeAnyCall() {
        PermanentChannelException e = catchThrowableOfType(() -> send(TextContent.of("x"), "ISSUE_RESOLUTION"),
                PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.TAG_NOT_ALLOWED);
        graph.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void mediaGoesByUrlAndItsCaptionAfterIt() {
        SendResult result = send(new MediaContent(MediaKind.DOCUMENT, "https://cdn.example.com/offerte.pdf",
                "application/pdf", "offerte.pdf", "Uw offerte", null), null);
        assertThat(result.providerMessageId()).isEqualTo(MID);
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"file\",\"payload\":{\"url\":"
                + "\"https://cdn.example.com/offerte.pdf\",\"is_reusable\":true}}," + OWN + "}"));
        sent(envelope(RESPONSE, "{\"text\":\"Uw offerte\"," + OWN + "}"));
        graph.verify(exactly(2), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aFileThePageSentBeforeGoesByItsReusableAttachmentIdAndByUrlAgainOnceMetaRefusesIt() {
        String url = "https://cdn.example.com/brochure-golf.pdf";
        MediaContent brochure = new MediaContent(MediaKind.DOCUMENT, url, "application/pdf", null, null, null);
        graph.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.message.attachment.payload.url"))
                .willReturn(okJson(MessengerFixtures.text("outbound/send-accepted-reusable.json"))));
        send(brochure, null);
        send(brochure, null);
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"file\",\"payload\":{\"url\":\"" + url
                + "\",\"is_reusable\":true}}," + OWN + "}"));
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"file\",\"payload\":{\"attachment_id\":"
                + "\"1857777774821032\"}}," + OWN + "}"));
        graph.verify(exactly(2), postRequestedFor(urlEqualTo(MESSAGES)));

        graph.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.message.attachment.payload.attachment_id"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(MessengerFixtures.text("outbound/error-100-no-matching-user.json"))));
        catchThrowable(() -> send(brochure, null));
        send(brochure, null);
        graph.verify(exactly(2), postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.message.attachment.payload.url", equalTo(url))));
    }

    @Test
    void mediaKindsMapToMessengerAttachmentTypes() {
        for (MediaKind kind : MediaKind.values()) {
            send(new MediaContent(kind, "https://cdn.example.com/" + kind, null, null, null, null), null);
        }
        for (String type : List.of("image", "video", "audio", "file")) {
            graph.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson(
                    "{\"message\":{\"attachment\":{\"type\":\"" + type + "\"}}}", true, true)));
        }
        graph.verify(exactly(MediaKind.values().length), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void upToThreeChoicesAreAButtonTemplate() {
        send(new ChoiceContent("Wanneer wilt u langskomen?",
                List.of(new Choice("sat", "Zaterdag"), new Choice("mon", "Maandag"))), null);
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"button\","
                + "\"text\":\"Wanneer wilt u langskomen?\",\"buttons\":[{\"type\":\"postback\",\"title\":\"Zaterdag\","
                + "\"payload\":\"sat\"},{\"type\":\"postback\",\"title\":\"Maandag\",\"payload\":\"mon\"}]}}," + OWN + "}"));
    }

    @Test
    void upToThirteenChoicesAreQuickReplies() {
        List<Choice> choices = IntStream.rangeClosed(1, 13).mapToObj(i -> new Choice("slot-" + i, i + ":00")).toList();
        send(new ChoiceContent("Kies een tijd", choices), null);
        StringBuilder replies = new StringBuilder();
        for (Choice c : choices) {
            replies.append(replies.isEmpty() ? "" : ",").append("{\"content_type\":\"text\",\"title\":\"")
                    .append(c.title()).append("\",\"payload\":\"").append(c.id()).append("\"}");
        }
        sent(envelope(RESPONSE, "{\"text\":\"Kies een tijd\",\"quick_replies\":[" + replies + "]," + OWN + "}"));
    }

    @Test
    void moreChoicesOrLongTitlesAreNumberedText() {
        List<Choice> fourteen = IntStream.rangeClosed(1, 14).mapToObj(i -> new Choice("o" + i, "Optie " + i)).toList();
        send(new ChoiceContent("Kies", fourteen), null);
        graph.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"message\":{\"text\":\"" + new ChoiceContent("Kies", fourteen).asNumberedText().text().strip()
                        .replace("\n", "\\n") + "\"}}", true, true)));
        send(new ChoiceContent("Kies", List.of(new Choice("a", "Een titel van meer dan twintig tekens"))), null);
        graph.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"message\":{\"attachment\":{}}}", true, true)));
    }

    @Test
    void locationAndContactsGoAsText() {
        send(new LocationContent(52.3702, 4.8952, "Showroom", "Damrak 1, Amsterdam"), null);
        sent(envelope(RESPONSE, "{\"text\":\"Showroom\\nDamrak 1, Amsterdam\\n"
                + "https://www.google.com/maps/search/?api=1&query=52.3702,4.8952\"," + OWN + "}"));
        send(new ContactsContent(List.of(new ContactCard("Jan de Vries", List.of("+31612345678"),
                List.of("jan@example.nl")))), null);
        sent(envelope(RESPONSE, "{\"text\":\"Jan de Vries\\n+31612345678\\njan@example.nl\"," + OWN + "}"));
    }

    @Test
    void aReactionIsASenderActionOnTheMessage() {
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(
                MessengerFixtures.text("outbound/sender-action-accepted.json"))));
        assertThat(send(new ReactionContent("\u2764\ufe0f", "m_customer_msg"), null).providerMessageId()).isNull();
        sent("{\"recipient\":{\"id\":\"" + PSID + "\"},\"sender_action\":\"react\","
                + "\"payload\":{\"message_id\":\"m_customer_msg\",\"reaction\":\"\u2764\ufe0f\"}}");
        send(new ReactionContent("", "m_customer_msg"), null);
        sent("{\"recipient\":{\"id\":\"" + PSID + "\"},\"sender_action\":\"unreact\","
                + "\"payload\":{\"message_id\":\"m_customer_msg\"}}");
    }

    @Test
    void whatMessengerCannotCarryIsRefusedBeforeAnyCall() {
        for (Content content : List.<Content>of(new TemplateContent("welkom", "nl", List.of(), null),
                TextContent.of("x".repeat(2001)), new MediaContent(MediaKind.IMAGE, null, null, null, null, null))) {
            PermanentChannelException e = catchThrowableOfType(() -> send(content, null),
                    PermanentChannelException.class);
            assertThat(e.reasonCode()).as(content.toString().substring(0, 20)).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        }
        graph.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void anAnswerWithoutMessageIdIsTransient() {
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"recipient_id\":\"" + PSID + "\"}")));
        assertThat(catchThrowableOfType(() -> send(TextContent.of("Hallo"), null),
                io.channelhub.core.error.TransientChannelException.class)).isNotNull();
    }
}
