package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.google.GoogleFixtures.AGENT_ID;
import static io.channelhub.connector.google.GoogleFixtures.HUB_ID;
import static io.channelhub.connector.google.GoogleFixtures.TENANT;
import static io.channelhub.connector.google.GoogleFixtures.USER;
import static io.channelhub.connector.google.RbmStubs.ACCESS_TOKEN;
import static io.channelhub.connector.google.RbmStubs.AGENT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each content type as sent to the RBM API, asserted on the JSON body, URL and bearer WireMock received. */
class GoogleOutboundSenderTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private GoogleConnector connector;

    @BeforeEach
    void setUp() {
        connector = RbmStubs.connector(google, Map.of());
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
        RbmStubs.agentMessagesAnswer(google, 200, "agent-message-created.json");
    }

    static OutboundMessage message(Content content) {
        return message(content, Category.CONVERSATIONAL, Map.of());
    }

    static OutboundMessage message(Content content, Category category, Map<String, Object> metadata) {
        return new OutboundMessage(HUB_ID, TENANT, "google", null, new Party(USER, null), "c-1", content, category,
                null, null, null, null, metadata);
    }

    private SendResult send(OutboundMessage message) {
        return send(message, RbmStubs.tenant(google));
    }

    private SendResult send(OutboundMessage message, TenantConnector tenant) {
        return connector.sender().send(message, tenant);
    }

    private static void assertBody(String json) {
        google.verify(postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)).withRequestBody(equalToJson(json)));
    }

    @Test
    void textIsSentAsTheAgentWithTheHubIdAsMessageIdAndTheServiceAccountsBearer() {
        SendResult result = send(message(TextContent.of("Uw proefrit staat gepland.")));
        assertThat(result).isEqualTo(SendResult.of(HUB_ID));
        google.verify(postRequestedFor(urlPathEqualTo(AGENT_MESSAGES))
                .withQueryParam("messageId", equalTo(HUB_ID))
                .withQueryParam("agentId", equalTo(AGENT_ID))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"contentMessage\":{\"text\":\"Uw proefrit staat gepland.\"}}")));
    }

    @Test
    void choiceWithinRbmsLimitsBecomesSuggestedReplies() {
        send(message(new ChoiceContent("Wanneer wilt u een proefrit?", List.of(new Choice("sat", "Zaterdag"),
                new Choice(null, "Zondag")))));
        assertBody("""
                {"contentMessage":{"text":"Wanneer wilt u een proefrit?","suggestions":[
                  {"reply":{"text":"Zaterdag","postbackData":"sat"}},
                  {"reply":{"text":"Zondag","postbackData":"Zondag"}}]}}""");
    }

    @Test
    void elevenRepliesFitTwelveAreNumberedText() {
        List<Choice> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> new Choice("o" + i, "Optie " + i)).toList();
        assertThat(GoogleChoiceRenderer.fitsAsReplies(new ChoiceContent("Kies", eleven))).isTrue();
        List<Choice> twelve = IntStream.rangeClosed(1, 12).mapToObj(i -> new Choice("o" + i, "Optie " + i)).toList();
        ChoiceContent tooMany = new ChoiceContent("Kies", twelve);
        send(message(tooMany));
        assertBody("{\"contentMessage\":{\"text\":" + quoted(tooMany.asNumberedText().text()) + "}}");
    }

    @Test
    void aTitleLongerThan25CharactersMakesTheChoiceNumberedText() {
        ChoiceContent choice = new ChoiceContent("Welke auto?", List.of(new Choice("a", "Volkswagen Golf 1.5 eTSI Life"),
                new Choice("b", "Polo")));
        send(message(choice));
        assertBody("{\"contentMessage\":{\"text\":\"Welke auto?\\n1. Volkswagen Golf 1.5 eTSI Life\\n2. Polo\"}}");
        assertThat(GoogleChoiceRenderer.fitsAsReplies(new ChoiceContent("Welke auto?",
                List.of(new Choice("a", "x".repeat(25)))))).isTrue();
    }

    @Test
    void mediaWithoutCaptionIsAFileMessageWithItsThumbnail() {
        send(message(new MediaContent(MediaKind.IMAGE, "https://cdn.example.com/golf.jpg", "image/jpeg", null, null,
                null), Category.CONVERSATIONAL, Map.of("thumbnailUrl", "https://cdn.example.com/golf-thumb.jpg")));
        assertBody("""
                {"contentMessage":{"contentInfo":{"fileUrl":"https://cdn.example.com/golf.jpg",
                  "thumbnailUrl":"https://cdn.example.com/golf-thumb.jpg"}}}""");
    }

    @Test
    void aCaptionedImageIsAStandaloneCardSoTheCaptionStaysWithIt() {
        send(message(new MediaContent(MediaKind.IMAGE, "https://cdn.example.com/golf.jpg", "image/jpeg", null,
                "Uw nieuwe Golf", null)));
        assertBody("""
                {"contentMessage":{"richCard":{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":{
                  "description":"Uw nieuwe Golf",
                  "media":{"height":"MEDIUM","contentInfo":{"fileUrl":"https://cdn.example.com/golf.jpg",
                    "forceRefresh":false}}}}}}}""");
    }

    @Test
    void aDocumentsCaptionCannotBeCarried() {
        send(message(new MediaContent(MediaKind.DOCUMENT, "https://cdn.example.com/offerte.pdf", "application/pdf",
                "offerte.pdf", "Uw offerte", null)));
        assertBody("{\"contentMessage\":{\"contentInfo\":{\"fileUrl\":\"https://cdn.example.com/offerte.pdf\"}}}");
    }

    @Test
    void locationIsTextWithAViewLocationAction() {
        send(message(new LocationContent(52.3731, 4.8922, "Autobedrijf De Vries", "Damrak 1, Amsterdam")));
        assertBody("""
                {"contentMessage":{"text":"Autobedrijf De Vries\\nDamrak 1, Amsterdam","suggestions":[{"action":{
                  "text":"View location","postbackData":"view_location",
                  "viewLocationAction":{"latLong":{"latitude":52.3731,"longitude":4.8922},
                    "label":"Autobedrijf De Vries"}}}]}}""");
    }

    @Test
    void contactsAreText() {
        send(message(new ContactsContent(List.of(new ContactCard("Jan de Vries", List.of("+31201234567"),
                List.of("jan@example.com")), new ContactCard("Werkplaats", List.of("+31207654321"), List.of())))));
        assertBody("{\"contentMessage\":{\"text\":\"Jan de Vries\\n+31201234567\\njan@example.com\\n\\n"
                + "Werkplaats\\n+31207654321\"}}");
    }

    @Test
    void theTenantsTimeToLiveAndTheCategorysTrafficTypeAreSent() {
        TenantConnector tenant = GoogleFixtures.tenant(RbmStubs.tokenUri(google),
                Map.of(GoogleSettings.MESSAGE_TTL, "PT2H"), Map.of());
        send(message(TextContent.of("Actie!"), Category.MARKETING, Map.of()), tenant);
        assertBody("{\"contentMessage\":{\"text\":\"Actie!\"},\"ttl\":\"7200s\",\"messageTrafficType\":\"PROMOTION\"}");
    }

    @Test
    void aRegionSendsToTheRegionalEndpoint() {
        TenantConnector tenant = GoogleFixtures.tenant(RbmStubs.tokenUri(google),
                Map.of(GoogleSettings.REGION, "europe"), Map.of());
        RbmStubs.agentMessagesAnswerUnder(google, "/europe");
        send(message(TextContent.of("Hallo")), tenant);
        google.verify(postRequestedFor(urlPathEqualTo("/europe" + AGENT_MESSAGES)));
    }

    @Test
    void contentRbmCannotCarryIsRefusedWithoutACall() {
        assertThatThrownBy(() -> send(message(new ReactionContent("👍", "m-1"))))
                .isInstanceOfSatisfying(PermanentChannelException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT));
        assertThatThrownBy(() -> send(message(TextContent.of("x".repeat(3073)))))
                .isInstanceOf(PermanentChannelException.class);
        assertThatThrownBy(() -> connector.sender().send(new OutboundMessage(HUB_ID, TENANT, "google", null,
                new Party("0612345678", null), "c-1", TextContent.of("hoi"), Category.CONVERSATIONAL, null, null, null,
                null, Map.of()), RbmStubs.tenant(google)))
                .isInstanceOfSatisfying(PermanentChannelException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS));
        google.verify(0, postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)));
    }

    private static String quoted(String text) {
        return io.channelhub.core.model.HubJson.mapper().getNodeFactory().textNode(text).toString();
    }
}
