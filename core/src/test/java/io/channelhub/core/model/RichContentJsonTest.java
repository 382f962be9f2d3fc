package io.channelhub.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cards, carousels and choice actions on the wire, and their text for channels that have none. */
class RichContentJsonTest {
    private static final ObjectMapper JSON = HubJson.mapper();

    static CardContent card() {
        return new CardContent("Rode auto", "Nog beschikbaar, 12.500 euro",
                new MediaContent(MediaKind.IMAGE, "https://cdn.example/red.jpg", "image/jpeg", null, null, null),
                List.of(new Choice("book", "Proefrit"),
                        new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567")),
                        new Choice("web", "Website", new ChoiceAction.OpenUrl("https://dealer.example/rood")),
                        new Choice("map", "Showroom", new ChoiceAction.ViewLocation(52.3676, 4.9041, "Showroom", null)),
                        new Choice("where", "Waar ben je?", new ChoiceAction.ShareLocation()),
                        new Choice("cal", "Zet in agenda", new ChoiceAction.Calendar(
                                Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-05T11:00:00Z"),
                                "Proefrit", "Rode auto"))));
    }

    static Stream<ChoiceAction> actions() {
        return Stream.of(new ChoiceAction.Dial("+31201234567"), new ChoiceAction.OpenUrl("https://x.example/a?b=c"),
                new ChoiceAction.ViewLocation(52.1, 4.2, "Hier", null),
                new ChoiceAction.ViewLocation(null, null, null, "Damrak 1, Amsterdam"),
                new ChoiceAction.ShareLocation(),
                new ChoiceAction.Calendar(Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-06T11:00:00Z"),
                        "Open dag", null));
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionRoundTripsInAChoice(ChoiceAction action) throws Exception {
        ChoiceContent content = new ChoiceContent("Wat wil je?", List.of(new Choice("a", "Doe het", action)));
        String json = JSON.writeValueAsString(content);
        assertThat(JSON.readValue(json, Content.class)).isEqualTo(content);
    }

    @Test
    void actionsAreToldApartByTheirType() throws Exception {
        JsonNode tree = JSON.valueToTree(card());
        assertThat(tree.path("type").asText()).isEqualTo("card");
        assertThat(tree.path("media").path("url").asText()).isEqualTo("https://cdn.example/red.jpg");
        JsonNode choices = tree.path("choices");
        assertThat(choices.get(0).has("action")).as("a plain reply carries no action").isFalse();
        assertThat(choices.get(1).path("action").path("type").asText()).isEqualTo("dial");
        assertThat(choices.get(1).path("action").path("phoneNumber").asText()).isEqualTo("+31201234567");
        assertThat(choices.get(2).path("action").path("type").asText()).isEqualTo("open_url");
        assertThat(choices.get(3).path("action").path("type").asText()).isEqualTo("view_location");
        assertThat(choices.get(3).path("action").has("query")).isFalse();
        assertThat(choices.get(4).path("action").path("type").asText()).isEqualTo("share_location");
        assertThat(choices.get(5).path("action").path("type").asText()).isEqualTo("calendar");
        assertThat(choices.get(5).path("action").path("startTime").asText()).isEqualTo("2026-12-05T10:00:00Z");
    }

    @Test
    void aCardReadFromClientJsonNeedsNoTypeOnItsMedia() throws Exception {
        Content read = JSON.readValue("""
                {"type":"card","title":"T","media":{"mediaType":"image","url":"https://cdn.example/a.jpg"},
                 "choices":[{"id":"x","title":"Bel","action":{"type":"dial","phoneNumber":"+31201234567"}}]}""",
                Content.class);
        assertThat(read).isEqualTo(new CardContent("T", null,
                new MediaContent(MediaKind.IMAGE, "https://cdn.example/a.jpg", null, null, null, null),
                List.of(new Choice("x", "Bel", new ChoiceAction.Dial("+31201234567")))));
    }

    @Test
    void aCarouselRoundTrips() throws Exception {
        CarouselContent carousel = new CarouselContent(List.of(card(), new CardContent("B", "b", null, null)));
        assertThat(JSON.readValue(JSON.writeValueAsString(carousel), Content.class)).isEqualTo(carousel);
        assertThat(JSON.writeValueAsString(carousel)).contains("\"type\":\"card\"");
    }

    @Test
    void aCarouselsCardsNeedNoTypeOfTheirOwn() throws Exception {
        assertThat(JSON.readValue("{\"type\":\"carousel\",\"cards\":[{\"title\":\"A\"},{\"title\":\"B\"}]}",
                Content.class)).isEqualTo(new CarouselContent(List.of(new CardContent("A", null, null, null),
                new CardContent("B", null, null, null))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"card\",\"choices\":[{\"id\":\"a\",\"title\":\"A\",\"action\":{\"type\":\"teleport\"}}]}",
            "{\"type\":\"card\",\"choices\":[{\"id\":\"a\",\"title\":\"A\",\"action\":{\"phoneNumber\":\"+31\"}}]}",
            "{\"type\":\"carousel\",\"cards\":{\"title\":\"not a list\"}}",
            "{\"type\":\"card\",\"choices\":[{\"id\":\"a\",\"action\":{\"type\":\"calendar\",\"startTime\":\"tomorrow\"}}]}",
            "{\"type\":\"card\",\"media\":{\"mediaType\":\"hologram\",\"url\":\"https://x\"}}"})
    void badJsonIsRefused(String json) {
        assertThatThrownBy(() -> JSON.readValue(json, Content.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aCardAsTextSpellsOutEveryActionsTarget() {
        assertThat(card().asText().text()).isEqualTo("""
                Rode auto

                Nog beschikbaar, 12.500 euro

                https://cdn.example/red.jpg

                1. Proefrit
                2. Bel ons: +31201234567
                3. Website: https://dealer.example/rood
                4. Showroom: https://www.google.com/maps/search/?api=1&query=52.3676%2C4.9041
                5. Waar ben je?
                6. Zet in agenda: Proefrit, 2026-12-05 10:00–11:00 UTC""");
        assertThat(card().caption()).doesNotContain("https://cdn.example/red.jpg").startsWith("Rode auto\n\n");
    }

    @Test
    void aCarouselAsTextNumbersTheCards() {
        CarouselContent carousel = new CarouselContent(List.of(
                new CardContent("Rood", "12.500", null, List.of(new Choice("r", "Bel", new ChoiceAction.Dial("+3120")))),
                new CardContent("Blauw", null, new MediaContent(MediaKind.IMAGE, "https://cdn.example/b.jpg", null,
                        null, null, null), List.of(new Choice("b", "Kies")))));
        assertThat(carousel.asText().text()).isEqualTo("""
                1. Rood
                12.500
                - Bel: +3120

                2. Blauw
                https://cdn.example/b.jpg
                - Kies""");
    }

    @Test
    void aChoiceAsNumberedTextSpellsOutActions() {
        ChoiceContent choice = new ChoiceContent("Hoe verder?", List.of(new Choice("a", "Ja"),
                new Choice("b", "Zoek", new ChoiceAction.ViewLocation(null, null, null, "Damrak 1")),
                new Choice("c", "Agenda", new ChoiceAction.Calendar(Instant.parse("2026-12-05T10:00:00Z"),
                        Instant.parse("2026-12-06T09:30:00Z"), null, null))));
        assertThat(choice.asNumberedText().text()).isEqualTo("""
                Hoe verder?
                1. Ja
                2. Zoek: https://www.google.com/maps/search/?api=1&query=Damrak+1
                3. Agenda: 2026-12-05 10:00–2026-12-06 09:30 UTC""");
    }
}
