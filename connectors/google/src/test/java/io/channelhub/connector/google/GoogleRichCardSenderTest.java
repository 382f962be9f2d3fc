package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.google.RbmStubs.ACCESS_TOKEN;
import static io.channelhub.connector.google.RbmStubs.AGENT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.OutboundMessage;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cards, carousels and suggested actions as RBM received them, and their fit to the contact's device. */
class GoogleRichCardSenderTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final List<String> ALL_FEATURES = List.of("RICHCARD_STANDALONE", "RICHCARD_CAROUSEL", "ACTION_DIAL",
            "ACTION_OPEN_URL", "ACTION_SHARE_LOCATION", "ACTION_VIEW_LOCATION", "ACTION_CREATE_CALENDAR_EVENT");
    static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    static final MediaContent PHOTO = new MediaContent(MediaKind.IMAGE, "https://cdn.example.com/golf.jpg",
            "image/jpeg", null, null, null);

    private GoogleConnector connector;

    @BeforeEach
    void setUp() {
        connector = RbmStubs.connector(google, Map.of());
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
        RbmStubs.agentMessagesAnswer(google, 200, "agent-message-created.json");
    }

    private JsonNode send(Content content) {
        return send(GoogleOutboundSenderTest.message(content));
    }

    private JsonNode send(OutboundMessage message) {
        connector.sender().send(message, RbmStubs.tenant(google));
        List<LoggedRequest> sent = google.findAll(postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)));
        assertThat(sent).hasSize(1);
        try {
            return HubJson.mapper().readTree(sent.get(0).getBodyAsString()).path("contentMessage");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCardIsAVerticalStandaloneCardWithMediaAndSuggestions() {
        CardContent card = new CardContent("Golf 8 GTI", "Nog beschikbaar, 32.500 euro", PHOTO, List.of(
                new Choice("book", "Proefrit"), new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567"))));
        send(GoogleOutboundSenderTest.message(card, io.channelhub.core.model.Category.CONVERSATIONAL,
                Map.of(GoogleMessageRenderer.THUMBNAIL_URL, "https://cdn.example.com/golf-thumb.jpg")));
        google.verify(postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)).withRequestBody(equalToJson("""
                {"contentMessage":{"richCard":{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":{
                  "title":"Golf 8 GTI",
                  "description":"Nog beschikbaar, 32.500 euro",
                  "media":{"height":"MEDIUM","contentInfo":{"fileUrl":"https://cdn.example.com/golf.jpg",
                    "thumbnailUrl":"https://cdn.example.com/golf-thumb.jpg","forceRefresh":false}},
                  "suggestions":[
                    {"reply":{"text":"Proefrit","postbackData":"book"}},
                    {"action":{"text":"Bel ons","postbackData":"call","dialAction":{"phoneNumber":"+31201234567"}}}
                  ]}}}}}""")));
    }

    @Test
    void everyActionHasItsRbmShape() {
        CardContent card = new CardContent("Showroom", null, null, List.of(
                new Choice("web", "Website", new ChoiceAction.OpenUrl("https://dealer.example/golf")),
                new Choice("map", "Route", new ChoiceAction.ViewLocation(52.3676, 4.9041, "Showroom", null)),
                new Choice("find", "Zoek", new ChoiceAction.ViewLocation(null, null, null, "Damrak 1 Amsterdam")),
                new Choice("cal", "In agenda", new ChoiceAction.Calendar(START, START.plusSeconds(3600), "Proefrit",
                        "Golf 8 GTI"))));
        JsonNode suggestions = send(card).path("richCard").path("standaloneCard").path("cardContent")
                .path("suggestions");
        assertThat(suggestions).hasSize(4);
        JsonNode web = suggestions.get(0).path("action");
        assertThat(web.path("text").asText()).isEqualTo("Website");
        assertThat(web.path("postbackData").asText()).isEqualTo("web");
        assertThat(web.path("openUrlAction").path("url").asText()).isEqualTo("https://dealer.example/golf");
        JsonNode map = suggestions.get(1).path("action").path("viewLocationAction");
        assertThat(map.path("latLong").path("latitude").asDouble()).isEqualTo(52.3676);
        assertThat(map.path("latLong").path("longitude").asDouble()).isEqualTo(4.9041);
        assertThat(map.path("label").asText()).isEqualTo("Showroom");
        assertThat(map.has("query")).isFalse();
        JsonNode find = suggestions.get(2).path("action").path("viewLocationAction");
        assertThat(find.path("query").asText()).isEqualTo("Damrak 1 Amsterdam");
        assertThat(find.has("latLong")).isFalse();
        JsonNode cal = suggestions.get(3).path("action");
        assertThat(cal.path("postbackData").asText()).isEqualTo("cal");
        assertThat(cal.path("createCalendarEventAction").path("startTime").asText()).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(cal.path("createCalendarEventAction").path("endTime").asText()).isEqualTo("2026-12-05T11:00:00Z");
        assertThat(cal.path("createCalendarEventAction").path("title").asText()).isEqualTo("Proefrit");
        assertThat(cal.path("createCalendarEventAction").path("description").asText()).isEqualTo("Golf 8 GTI");
    }

    @Test
    void shareLocationIsAnEmptyActionObject() {
        JsonNode suggestion = send(new ChoiceContent("Waar staat de auto?", List.of(
                new Choice("where", "Deel locatie", new ChoiceAction.ShareLocation())))).path("suggestions").get(0);
        assertThat(suggestion.path("action").path("shareLocationAction").isObject()).isTrue();
        assertThat(suggestion.path("action").path("shareLocationAction").size()).isZero();
        assertThat(suggestion.path("action").path("text").asText()).isEqualTo("Deel locatie");
        assertThat(suggestion.path("action").path("postbackData").asText()).isEqualTo("where");
    }

    @Test
    void aCardTakesFourSuggestionsAndSpellsOutTheRestUnderItsDescription() {
        CardContent card = new CardContent("Kies", "Wat wil je doen?", null, List.of(new Choice("a", "Een"),
                new Choice("b", "Twee"), new Choice("c", "Drie"), new Choice("d", "Vier"),
                new Choice("e", "Vijf", new ChoiceAction.OpenUrl("https://dealer.example/5")),
                new Choice("f", "Een titel die langer is dan vijfentwintig tekens")));
        JsonNode content = send(card).path("richCard").path("standaloneCard").path("cardContent");
        assertThat(content.path("suggestions")).hasSize(4);
        assertThat(content.path("description").asText()).isEqualTo("""
                Wat wil je doen?

                Vijf: https://dealer.example/5
                Een titel die langer is dan vijfentwintig tekens""");
    }

    @Test
    void aCarouselIsAMediumWidthCarouselCardOfCardContents() {
        CarouselContent carousel = new CarouselContent(List.of(
                new CardContent("Golf", "32.500", PHOTO, List.of(new Choice("golf", "Deze"))),
                new CardContent("Polo", null, new MediaContent(MediaKind.VIDEO, "https://cdn.example.com/polo.mp4",
                        null, null, null, null), List.of(new Choice("web", "Meer", new ChoiceAction.OpenUrl(
                        "https://dealer.example/polo"))))));
        google.resetRequests();
        send(carousel);
        google.verify(postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)).withRequestBody(equalToJson("""
                {"contentMessage":{"richCard":{"carouselCard":{"cardWidth":"MEDIUM","cardContents":[
                  {"title":"Golf","description":"32.500",
                   "media":{"height":"MEDIUM","contentInfo":{"fileUrl":"https://cdn.example.com/golf.jpg",
                     "forceRefresh":false}},
                   "suggestions":[{"reply":{"text":"Deze","postbackData":"golf"}}]},
                  {"title":"Polo",
                   "media":{"height":"MEDIUM","contentInfo":{"fileUrl":"https://cdn.example.com/polo.mp4",
                     "forceRefresh":false}},
                   "suggestions":[{"action":{"text":"Meer","postbackData":"web",
                     "openUrlAction":{"url":"https://dealer.example/polo"}}}]}
                ]}}}}""")));
    }

    @Test
    void aCarouselOutsideTwoToTenCardsOrATooLongTitleIsRefusedBeforeAnyCall() {
        CardContent card = new CardContent("T", null, null, null);
        assertThatThrownBy(() -> send(new CarouselContent(Collections.nCopies(11, card))))
                .isInstanceOf(PermanentChannelException.class)
                .satisfies(e -> assertThat(((PermanentChannelException) e).reasonCode())
                        .isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT));
        assertThatThrownBy(() -> send(new CardContent("x".repeat(201), null, null, null)))
                .isInstanceOf(PermanentChannelException.class).hasMessageContaining("200");
        google.verify(0, postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)));
    }

    // ---- fitted to the device -----------------------------------------------------------------------

    @Test
    void withEveryFeatureACarouselGoesAsItIs() {
        CarouselContent carousel = new CarouselContent(List.of(new CardContent("A", null, null, null),
                new CardContent("B", null, null, List.of(new Choice("c", "Bel", new ChoiceAction.Dial("+31201234567"))))));
        JsonNode content = send(GoogleOutboundSenderTest.message(carousel).withDeviceFeatures(ALL_FEATURES));
        assertThat(content.path("richCard").path("carouselCard").path("cardContents")).hasSize(2);
        assertThat(content.path("richCard").path("carouselCard").path("cardContents").get(1).path("suggestions")
                .get(0).path("action").path("dialAction").path("phoneNumber").asText()).isEqualTo("+31201234567");
    }

    @Test
    void aCarouselForADeviceWithoutCarouselsIsItsNumberedText() {
        CarouselContent carousel = new CarouselContent(List.of(new CardContent("Golf", "32.500", PHOTO, null),
                new CardContent("Polo", null, null, List.of(new Choice("c", "Bel", new ChoiceAction.Dial("+31201234567"))))));
        JsonNode content = send(GoogleOutboundSenderTest.message(carousel)
                .withDeviceFeatures(List.of("RICHCARD_STANDALONE", "ACTION_DIAL")));
        assertThat(content.has("richCard")).isFalse();
        assertThat(content.path("text").asText()).isEqualTo("""
                1. Golf
                32.500
                https://cdn.example.com/golf.jpg

                2. Polo
                - Bel: +31201234567""");
    }

    @Test
    void aCardForADeviceWithoutRichCardsIsItsText() {
        CardContent card = new CardContent("Golf", "32.500", PHOTO, List.of(new Choice("b", "Proefrit")));
        JsonNode content = send(GoogleOutboundSenderTest.message(card).withDeviceFeatures(List.of()));
        assertThat(content.path("text").asText()).isEqualTo("Golf\n\n32.500\n\nhttps://cdn.example.com/golf.jpg\n\n1. Proefrit");
        assertThat(content.has("richCard")).isFalse();
    }

    @Test
    void anActionTheDeviceLacksLeavesTheSuggestionsAndIsSpelledOutInTheDescription() {
        CardContent card = new CardContent("Golf", "32.500", PHOTO, List.of(
                new Choice("b", "Proefrit"),
                new Choice("cal", "In agenda", new ChoiceAction.Calendar(START, START.plusSeconds(3600), "Proefrit", null)),
                new Choice("web", "Website", new ChoiceAction.OpenUrl("https://dealer.example/golf"))));
        JsonNode content = send(GoogleOutboundSenderTest.message(card)
                .withDeviceFeatures(List.of("RICHCARD_STANDALONE", "ACTION_OPEN_URL"))).path("richCard")
                .path("standaloneCard").path("cardContent");
        JsonNode suggestions = content.path("suggestions");
        assertThat(suggestions).hasSize(2);
        assertThat(suggestions.get(0).path("reply").path("postbackData").asText()).isEqualTo("b");
        assertThat(suggestions.get(1).path("action").has("openUrlAction")).isTrue();
        assertThat(content.path("description").asText())
                .isEqualTo("32.500\n\nIn agenda: Proefrit, 2026-12-05 10:00–11:00 UTC");
    }

    @Test
    void aChoiceWhoseOnlyActionTheDeviceLacksIsText() {
        ChoiceContent choice = new ChoiceContent("Vragen?", List.of(
                new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567"))));
        JsonNode content = send(GoogleOutboundSenderTest.message(choice).withDeviceFeatures(List.of("RICHCARD_STANDALONE")));
        assertThat(content.path("text").asText()).isEqualTo("Vragen?\nBel ons: +31201234567");
        assertThat(content.has("suggestions")).isFalse();
    }

    @Test
    void aLocationForADeviceWithoutViewLocationIsTextWithAMapLink() {
        JsonNode content = send(GoogleOutboundSenderTest.message(new LocationContent(52.3676, 4.9041, "Showroom", null))
                .withDeviceFeatures(List.of("RICHCARD_STANDALONE")));
        assertThat(content.path("text").asText())
                .isEqualTo("Showroom\nhttps://www.google.com/maps/search/?api=1&query=52.3676%2C4.9041");
        assertThat(content.has("suggestions")).isFalse();
    }

    @Test
    void aCaptionedPictureForADeviceWithoutRichCardsIsTheCaptionAndItsLink() {
        JsonNode content = send(GoogleOutboundSenderTest.message(new MediaContent(MediaKind.IMAGE,
                "https://cdn.example.com/golf.jpg", null, null, "Uw nieuwe Golf", null)).withDeviceFeatures(List.of()));
        assertThat(content.path("text").asText()).isEqualTo("Uw nieuwe Golf\n\nhttps://cdn.example.com/golf.jpg");
    }
}
