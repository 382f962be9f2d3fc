package io.channelhub.connector.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.instagram.InstagramFixtures.HUB_ID;
import static io.channelhub.connector.instagram.InstagramFixtures.IGSID;
import static io.channelhub.connector.instagram.InstagramFixtures.TOKEN;
import static io.channelhub.connector.instagram.InstagramFixtures.outbound;
import static io.channelhub.connector.instagram.InstagramFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each content type as sent to Instagram, asserted on the JSON body WireMock received, in both setups. */
class InstagramOutboundSenderTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Instagram Login: graph.instagram.com (here under /ig), the account's own endpoint. */
    private static final String MESSAGES = "/ig/v26.0/" + InstagramFixtures.ACCOUNT_ID + "/messages";
    /** A linked Page: graph.facebook.com, the Page token's endpoint. */
    private static final String PAGE_MESSAGES = "/v26.0/me/messages";
    private static final String MID = "aWdf-hub-sent-0100";
    private static final String RESPONSE = "\"messaging_type\":\"RESPONSE\"";
    private static final String OWN = "\"metadata\":\"channel-hub:" + HUB_ID + "\"";

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = new InstagramConnectorFactory().create(InstagramFixtures.environment(graph.baseUrl(), Map.of()));
        String accepted = InstagramFixtures.text("outbound/send-accepted.json");
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(accepted)));
        graph.stubFor(post(urlEqualTo(PAGE_MESSAGES)).willReturn(okJson(accepted)));
    }

    private SendResult send(Content content, String tag) {
        return connector.sender().send(outbound(content, tag), tenant());
    }

    private static void sent(String json) {
        graph.verify(postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson(json)));
    }

    private static String envelope(String type, String message) {
        return "{\"recipient\":{\"id\":\"" + IGSID + "\"}," + type + ",\"message\":" + message + "}";
    }

    @Test
    void textInsideTheWindowIsAResponseThatNamesTheHubId() {
        assertThat(send(TextContent.of("Yes, it is still here."), null).providerMessageId()).isEqualTo(MID);
        sent(envelope(RESPONSE, "{\"text\":\"Yes, it is still here.\"," + OWN + "}"));
    }

    @Test
    void theLinkedPageSetupPostsToThePagesEndpointOnFacebooksHost() {
        connector.sender().send(outbound(TextContent.of("Hello"), null),
                tenant(Map.of("instagramSetup", "facebookPage"), Map.of()));
        graph.verify(postRequestedFor(urlEqualTo(PAGE_MESSAGES)).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)).withRequestBody(equalToJson(envelope(RESPONSE,
                "{\"text\":\"Hello\"," + OWN + "}"))));
        graph.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HUMAN_AGENT", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE"})
    void aTaggedMessageGoesAsMessageTag(String tag) {
        send(TextContent.of("Your car is ready."), tag);
        sent(envelope("\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"" + tag + "\"",
                "{\"text\":\"Your car is ready.\"," + OWN + "}"));
    }

    @Test
    void confirmedEventUpdateIsNoInstagramTagAndIsRefusedBeforeAnyCall() {
        PermanentChannelException e = catchThrowableOfType(() -> send(TextContent.of("x"), "CONFIRMED_EVENT_UPDATE"),
                PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.TAG_NOT_ALLOWED);
        graph.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void textOfAThousandCharactersGoesLongerTextIsRefusedBeforeAnyCall() {
        String thousand = "\uD83D\uDE97".repeat(1000);
        send(TextContent.of(thousand), null);
        graph.verify(exactly(1), postRequestedFor(urlEqualTo(MESSAGES)));
        PermanentChannelException e = catchThrowableOfType(() -> send(TextContent.of(thousand + "!"), null),
                PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        graph.verify(exactly(1), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void mediaGoesByUrlAndItsCaptionAfterIt() {
        send(new MediaContent(MediaKind.IMAGE, "https://cdn.example.com/golf.jpg", "image/jpeg", null,
                "The blue Golf", null), null);
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":"
                + "\"https://cdn.example.com/golf.jpg\"}}," + OWN + "}"));
        sent(envelope(RESPONSE, "{\"text\":\"The blue Golf\"," + OWN + "}"));
        graph.verify(exactly(2), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIDEO:video", "AUDIO:audio"})
    void videoAndAudioGoAsTheirAttachmentType(String kindAndType) {
        String[] parts = kindAndType.split(":");
        send(new MediaContent(MediaKind.valueOf(parts[0]), "https://cdn.example.com/m", null, null, null, null), null);
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"" + parts[1] + "\",\"payload\":{\"url\":"
                + "\"https://cdn.example.com/m\"}}," + OWN + "}"));
    }

    @Test
    void upToThreeChoicesAreAGenericTemplate() {
        send(new ChoiceContent("When would you like to come by?",
                List.of(new Choice("sat", "Saturday"), new Choice("mon", "Monday"))), null);
        sent(envelope(RESPONSE, "{\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\","
                + "\"elements\":[{\"title\":\"When would you like to come by?\",\"buttons\":[{\"type\":\"postback\","
                + "\"title\":\"Saturday\",\"payload\":\"sat\"},{\"type\":\"postback\",\"title\":\"Monday\","
                + "\"payload\":\"mon\"}]}]}}," + OWN + "}"));
    }

    @Test
    void upToThirteenChoicesAreQuickReplies() {
        List<Choice> choices = IntStream.rangeClosed(1, 13).mapToObj(i -> new Choice("slot-" + i, i + ":00")).toList();
        send(new ChoiceContent("Pick a time", choices), null);
        StringBuilder replies = new StringBuilder();
        for (Choice c : choices) {
            replies.append(replies.isEmpty() ? "" : ",").append("{\"content_type\":\"text\",\"title\":\"")
                    .append(c.title()).append("\",\"payload\":\"").append(c.id()).append("\"}");
        }
        sent(envelope(RESPONSE, "{\"text\":\"Pick a time\",\"quick_replies\":[" + replies + "]," + OWN + "}"));
    }

    @Test
    void fourteenChoicesAreNumberedText() {
        List<Choice> fourteen = IntStream.rangeClosed(1, 14).mapToObj(i -> new Choice("o" + i, "Option " + i)).toList();
        send(new ChoiceContent("Pick", fourteen), null);
        sent(envelope(RESPONSE, "{\"text\":\"" + new ChoiceContent("Pick", fourteen).asNumberedText().text().strip()
                .replace("\n", "\\n") + "\"," + OWN + "}"));
    }

    @Test
    void aReactionIsALoveSenderActionOnTheMessage() {
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(
                InstagramFixtures.text("outbound/sender-action-accepted.json"))));
        assertThat(send(new ReactionContent("\u2764\uFE0F", "aWdf-customer"), null).providerMessageId()).isNull();
        sent("{\"recipient\":{\"id\":\"" + IGSID + "\"},\"sender_action\":\"react\","
                + "\"payload\":{\"message_id\":\"aWdf-customer\",\"reaction\":\"love\"}}");
        send(new ReactionContent("", "aWdf-customer"), null);
        sent("{\"recipient\":{\"id\":\"" + IGSID + "\"},\"sender_action\":\"unreact\","
                + "\"payload\":{\"message_id\":\"aWdf-customer\"}}");
    }

    @Test
    void whatInstagramCannotCarryIsRefusedBeforeAnyCall() {
        for (Content content : List.<Content>of(new LocationContent(52.37, 4.89, null, null),
                new ReactionContent("\uD83D\uDC4D", "aWdf-customer"),
                new MediaContent(MediaKind.DOCUMENT, "https://cdn.example.com/offer.pdf", null, null, null, null),
                new MediaContent(MediaKind.IMAGE, null, null, null, null, null))) {
            PermanentChannelException e = catchThrowableOfType(() -> send(content, null),
                    PermanentChannelException.class);
            assertThat(e.reasonCode()).as(content.kind().wireName()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT);
        }
        graph.verify(exactly(0), postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aThrottledSendIsTransientWithMetasRetryAfterAndNoTokenInItsMessage() {
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400).withHeader("Retry-After", "120")
                .withBody(InstagramFixtures.text("outbound/error-613-rate.json"))));
        TransientChannelException e = catchThrowableOfType(() -> send(TextContent.of("Hello"), null),
                TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(e.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void anAnswerWithoutMessageIdIsTransient() {
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"recipient_id\":\"" + IGSID + "\"}")));
        assertThat(catchThrowableOfType(() -> send(TextContent.of("Hello"), null), TransientChannelException.class))
                .isNotNull();
    }
}
