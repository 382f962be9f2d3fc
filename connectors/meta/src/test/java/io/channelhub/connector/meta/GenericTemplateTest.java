package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cards and carousels as the generic template Messenger and Instagram share; the channels' tests send them. */
class GenericTemplateTest {
    private static final GenericTemplate MESSENGER = new GenericTemplate(true);
    private static final GenericTemplate INSTAGRAM = new GenericTemplate(false);
    private static final MediaContent PHOTO = new MediaContent(MediaKind.IMAGE, "https://cdn.example.com/golf.jpg",
            "image/jpeg", null, null, null);
    private static final Choice CALL = new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567"));

    private static JsonNode json(String s) throws Exception {
        return HubJson.mapper().readTree(s);
    }

    @Test
    void aCarouselIsOneElementPerCardAndAViewLocationIsAMapLink() throws Exception {
        CarouselContent carousel = new CarouselContent(List.of(
                new CardContent("Golf", null, PHOTO, List.of(new Choice("golf", "Deze"))),
                new CardContent(null, "Showroom Damrak", null, List.of(new Choice("map", "Route",
                        new ChoiceAction.ViewLocation(52.3676, 4.9041, "Showroom", null))))));
        assertThat(MESSENGER.attachment(carousel).orElseThrow()).isEqualTo(json("""
                {"type":"template","payload":{"template_type":"generic","elements":[
                  {"title":"Golf","image_url":"https://cdn.example.com/golf.jpg",
                   "buttons":[{"type":"postback","title":"Deze","payload":"golf"}]},
                  {"title":"Showroom Damrak",
                   "buttons":[{"type":"web_url","title":"Route",
                     "url":"https://www.google.com/maps/search/?api=1&query=52.3676%2C4.9041"}]}]}}"""));
    }

    @Test
    void aCallButtonOnlyWhereTheChannelHasThem() {
        CardContent card = new CardContent("Golf", null, null, List.of(CALL));
        assertThat(MESSENGER.attachment(card).orElseThrow().path("payload").path("elements").get(0)
                .path("buttons").get(0).path("type").asText()).isEqualTo("phone_number");
        assertThat(INSTAGRAM.attachment(card)).isEmpty();
    }

    @Test
    void whatNoButtonCarriesOrTooMuchMakesNoTemplateNeverACutCard() {
        Choice calendar = new Choice("cal", "In agenda", new ChoiceAction.Calendar(
                Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-05T11:00:00Z"), "Open dag", null));
        assertThat(MESSENGER.attachment(new CardContent("Golf", "Open dag", null, List.of(calendar)))).isEmpty();
        assertThat(MESSENGER.attachment(new CarouselContent(List.of(new CardContent("x".repeat(81), null, null, null),
                new CardContent("B", null, null, null))))).isEmpty();
        assertThat(MESSENGER.attachment(new CardContent("Golf", null, null, List.of(new Choice("a", "A"),
                new Choice("b", "B"), new Choice("c", "C"), new Choice("d", "D"))))).as("4 buttons").isEmpty();
        assertThat(MESSENGER.attachment(new CardContent("Golf", null, new MediaContent(MediaKind.VIDEO,
                "https://cdn.example.com/golf.mp4", "video/mp4", null, null, null), null))).as("a video").isEmpty();
        assertThat(MESSENGER.attachment(new CardContent("Golf", null, null, List.of(new Choice("same", "A"),
                new Choice("same", "B"))))).as("two postbacks with one payload").isEmpty();
        assertThat(GenericTemplate.asText(new CarouselContent(List.of(new CardContent("A", null, null, null),
                new CardContent("B", null, null, null))))).isEqualTo("1. A\n\n2. B");
    }

    @Test
    void eightyCharactersCountAsPeopleSeeThem() {
        String eightyEmoji = "🚗".repeat(80);
        assertThat(MESSENGER.attachment(new CardContent(eightyEmoji, null, null, null))).isPresent();
        assertThat(MESSENGER.attachment(new CardContent(eightyEmoji + "x", null, null, null))).isEmpty();
    }
}
