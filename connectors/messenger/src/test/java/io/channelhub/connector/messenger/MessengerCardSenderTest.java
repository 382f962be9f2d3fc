package io.channelhub.connector.messenger;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.messenger.MessengerFixtures.HUB_ID;
import static io.channelhub.connector.messenger.MessengerFixtures.PSID;
import static io.channelhub.connector.messenger.MessengerFixtures.outbound;
import static io.channelhub.connector.messenger.MessengerFixtures.tenant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.spi.ChannelConnector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cards, carousels and action buttons as Messenger's generic and button templates. */
class MessengerCardSenderTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v26.0/" + MessengerFixtures.PAGE_ID + "/messages";
    private static final MediaContent PHOTO = new MediaContent(MediaKind.IMAGE, "https://cdn.example.com/golf.jpg",
            "image/jpeg", null, null, null);

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = new MessengerConnectorFactory().create(MessengerFixtures.environment(
                Map.of("base-url", graph.baseUrl())));
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(MessengerFixtures.text("outbound/send-accepted.json"))));
    }

    private void send(Content content) {
        connector.sender().send(outbound(content, null), tenant());
    }

    private static void sent(String message) {
        graph.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"" + PSID + "\"},\"messaging_type\":\"RESPONSE\",\"message\":" + message + "}")));
    }

    @Test
    void aCardIsAGenericTemplateOfOneElementWithItsButtons() {
        send(new CardContent("Golf 8 GTI", "Nog beschikbaar, 32.500 euro", PHOTO, List.of(
                new Choice("book", "Proefrit"),
                new Choice("web", "Website", new ChoiceAction.OpenUrl("https://dealer.example/golf")),
                new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567")))));
        sent("""
                {"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
                  {"title":"Golf 8 GTI","subtitle":"Nog beschikbaar, 32.500 euro",
                   "image_url":"https://cdn.example.com/golf.jpg",
                   "buttons":[
                     {"type":"postback","title":"Proefrit","payload":"book"},
                     {"type":"web_url","title":"Website","url":"https://dealer.example/golf"},
                     {"type":"phone_number","title":"Bel ons","payload":"+31201234567"}]}]}},
                 "metadata":"channel-hub:%s"}""".formatted(HUB_ID));
    }

    @Test
    void aCardMessengerCannotShowWholeIsTheHubsText() {
        send(new CardContent("Golf", "Open dag", null, List.of(new Choice("cal", "In agenda",
                new ChoiceAction.Calendar(Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-05T11:00:00Z"),
                        "Open dag", null)))));
        sent("""
                {"text":"Golf\\n\\nOpen dag\\n\\n1. In agenda: Open dag, 2026-12-05 10:00–11:00 UTC",
                 "metadata":"channel-hub:%s"}""".formatted(HUB_ID));
    }

    @Test
    void aChoiceWithActionsIsAButtonTemplate() {
        send(new ChoiceContent("Vragen over de Golf?", List.of(new Choice("yes", "Ja"),
                new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567")))));
        sent("""
                {"attachment":{"type":"template","payload":{"template_type":"button","text":"Vragen over de Golf?",
                  "buttons":[{"type":"postback","title":"Ja","payload":"yes"},
                    {"type":"phone_number","title":"Bel ons","payload":"+31201234567"}]}},
                 "metadata":"channel-hub:%s"}""".formatted(HUB_ID));
    }

    @Test
    void aChoiceWithAnActionNoButtonCarriesIsNumberedTextWithTheTarget() {
        send(new ChoiceContent("Waar ben je?", List.of(new Choice("loc", "Deel je locatie",
                new ChoiceAction.ShareLocation()), new Choice("web", "Website",
                new ChoiceAction.OpenUrl("https://dealer.example")))));
        sent("""
                {"text":"Waar ben je?\\n1. Deel je locatie\\n2. Website: https://dealer.example",
                 "metadata":"channel-hub:%s"}""".formatted(HUB_ID));
    }
}
