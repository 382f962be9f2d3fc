package io.channelhub.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelDescriptor;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The submission rules of cards, carousels and choice actions: a 400 naming the field at fault. */
class OutboundValidatorRichContentTest {
    private static final ChannelDescriptor RBM = new ChannelDescriptor("google", "Google", ChannelDescriptor.AddressFormat.E164,
            Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.CHOICE, ContentType.CARD, ContentType.CAROUSEL),
            null, Set.of(), List.of(), List.of(), Set.of(), List.of(), null);
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    private static final MediaContent PHOTO = new MediaContent(MediaKind.IMAGE, "https://cdn.example/a.jpg", null,
            null, null, null);

    private static CardContent card(ChoiceAction action) {
        return new CardContent("Rode auto", null, null, List.of(new Choice("a", "Doe het", action)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new CardContent(" ", null, null, List.of(new Choice("a", "A"))), "'content' needs a 'title'"),
                Arguments.of(new CardContent(null, null, new MediaContent(MediaKind.IMAGE, "http://cdn.example/a.jpg",
                        null, null, null, null), null), "'content.media.url'"),
                Arguments.of(new CardContent("T", null, new MediaContent(null, "https://cdn.example/a.jpg", null, null,
                        null, null), null), "'content.media.mediaType'"),
                Arguments.of(new CardContent("T", null, null, List.of(new Choice("a", ""))), "'content.choices[0].title'"),
                Arguments.of(new CarouselContent(List.of(card(null))), "'content.cards' must hold 2 to 10 cards, not 1"),
                Arguments.of(new CarouselContent(Collections.nCopies(11, card(null))), "not 11"),
                Arguments.of(new CarouselContent(List.of(card(null), new CardContent(null, null, null, null))),
                        "'content.cards[1]' needs a 'title'"),
                Arguments.of(card(new ChoiceAction.Dial("020-1234567")), "'content.choices[0].action.phoneNumber'"),
                Arguments.of(card(new ChoiceAction.Dial(null)), "'content.choices[0].action.phoneNumber'"),
                Arguments.of(card(new ChoiceAction.OpenUrl("javascript:alert(1)")), "'content.choices[0].action.url'"),
                Arguments.of(card(new ChoiceAction.OpenUrl("dealer.example/x")), "'content.choices[0].action.url'"),
                Arguments.of(card(new ChoiceAction.ViewLocation(91.0, 4.0, null, null)),
                        "'content.choices[0].action.latitude'"),
                Arguments.of(card(new ChoiceAction.ViewLocation(52.0, -181.0, null, null)),
                        "'content.choices[0].action.longitude'"),
                Arguments.of(card(new ChoiceAction.ViewLocation(52.0, null, null, "Damrak")), "both 'latitude'"),
                Arguments.of(card(new ChoiceAction.ViewLocation(null, null, null, " ")), "or a 'query'"),
                Arguments.of(card(new ChoiceAction.Calendar(START, START, "Proefrit", null)),
                        "'content.choices[0].action.endTime' must be after 'startTime'"),
                Arguments.of(card(new ChoiceAction.Calendar(START, null, "Proefrit", null)), "'endTime'"),
                Arguments.of(card(new ChoiceAction.Calendar(START, START.plusSeconds(3600), null, null)),
                        "'content.choices[0].action.title'"),
                Arguments.of(new ChoiceContent("Hoe?", List.of(new Choice("a", "Bel", new ChoiceAction.Dial("12")))),
                        "'content.choices[0].action.phoneNumber'"),
                Arguments.of(new CarouselContent(List.of(card(null), card(new ChoiceAction.OpenUrl("ftp://x.example")))),
                        "'content.cards[1].choices[0].action.url'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void refusesWithA400NamingTheField(Content content, String detail) {
        SubmissionRejected rejected = catchThrowableOfType(SubmissionRejected.class,
                () -> OutboundValidator.validate(submission(content), RBM, NOW));
        assertThat(rejected).as("rejected").isNotNull();
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reasonCode()).isEqualTo(ReasonCodes.INVALID_REQUEST);
        assertThat(rejected.getMessage()).contains(detail);
    }

    @Test
    void acceptsWellFormedCardsCarouselsAndEveryAction() {
        CardContent full = new CardContent("Rode auto", "Nog beschikbaar", PHOTO, List.of(
                new Choice("book", "Proefrit"),
                new Choice("call", "Bel", new ChoiceAction.Dial("+31201234567")),
                new Choice("web", "Web", new ChoiceAction.OpenUrl("http://dealer.example/rood?x=1")),
                new Choice("map", "Kaart", new ChoiceAction.ViewLocation(-33.9, 151.2, "Hier", null)),
                new Choice("q", "Zoek", new ChoiceAction.ViewLocation(null, null, null, "Damrak 1")),
                new Choice("loc", "Waar?", new ChoiceAction.ShareLocation()),
                new Choice("cal", "Agenda", new ChoiceAction.Calendar(START, START.plusSeconds(1800), "Proefrit", null))));
        assertThatCode(() -> OutboundValidator.validate(submission(full), RBM, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> OutboundValidator.validate(submission(new CardContent(null, null, PHOTO, null)), RBM, NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> OutboundValidator.validate(submission(
                new CarouselContent(Collections.nCopies(10, full))), RBM, NOW)).doesNotThrowAnyException();
    }

    private static OutboundSubmission submission(Content content) {
        return new OutboundSubmission("dealer-042", "google", null, new Party("+31612345678", null), content, null,
                null, null, null, null, null, null);
    }
}
