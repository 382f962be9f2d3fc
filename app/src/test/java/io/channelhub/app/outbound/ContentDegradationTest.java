package io.channelhub.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelDescriptor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentDegradationTest {
    private static final ChannelDescriptor TEXT_ONLY = channel(ContentType.TEXT);
    private static final ChannelDescriptor TEXT_AND_MEDIA = channel(ContentType.TEXT, ContentType.MEDIA);
    private static final ChannelDescriptor BUTTONS = channel(ContentType.TEXT, ContentType.MEDIA, ContentType.CHOICE);
    private static final ChannelDescriptor CARDS = channel(ContentType.TEXT, ContentType.CHOICE, ContentType.CARD,
            ContentType.CAROUSEL);
    private static final MediaContent PHOTO = new MediaContent(MediaKind.IMAGE, "https://cdn.example/red.jpg",
            "image/jpeg", null, null, null);
    private static final CardContent CARD = new CardContent("Rode auto", "Nog beschikbaar", PHOTO, List.of(
            new Choice("book", "Proefrit"),
            new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567")),
            new Choice("web", "Website", new ChoiceAction.OpenUrl("https://dealer.example/rood"))));

    private static ChannelDescriptor channel(ContentType... types) {
        return new ChannelDescriptor("test", "Test", ChannelDescriptor.AddressFormat.E164, Set.of(types), null,
                Set.of(), List.of(), List.of(), Set.of(), List.of(), null);
    }

    @Test
    void aCardOnATextOnlyChannelIsItsTextWithTheMediaUrlAndActionsSpelledOut() {
        Content sent = ContentDegradation.degrade(CARD, TEXT_ONLY);
        assertThat(sent).isEqualTo(TextContent.of("""
                Rode auto

                Nog beschikbaar

                https://cdn.example/red.jpg

                1. Proefrit
                2. Bel ons: +31201234567
                3. Website: https://dealer.example/rood"""));
        assertThat(ContentDegradation.canCarry(CARD, TEXT_ONLY)).isTrue();
    }

    @Test
    void aCardWithAPictureOnAMediaChannelIsThePictureCaptionedWithTheCardsText() {
        Content sent = ContentDegradation.degrade(CARD, TEXT_AND_MEDIA);
        assertThat(sent).isInstanceOf(MediaContent.class);
        MediaContent media = (MediaContent) sent;
        assertThat(media.url()).isEqualTo(PHOTO.url());
        assertThat(media.mediaType()).isEqualTo(MediaKind.IMAGE);
        assertThat(media.caption()).isEqualTo("""
                Rode auto

                Nog beschikbaar

                1. Proefrit
                2. Bel ons: +31201234567
                3. Website: https://dealer.example/rood""");
    }

    @Test
    void aCardWithADocumentOnAMediaChannelIsTextBecauseDocumentsLoseCaptions() {
        CardContent card = new CardContent("Brochure", null, new MediaContent(MediaKind.DOCUMENT,
                "https://cdn.example/b.pdf", null, null, null, null), List.of());
        assertThat(ContentDegradation.degrade(card, TEXT_AND_MEDIA))
                .isEqualTo(TextContent.of("Brochure\n\nhttps://cdn.example/b.pdf"));
    }

    @Test
    void aCarouselOnATextOnlyChannelIsOneNumberedText() {
        CarouselContent carousel = new CarouselContent(List.of(CARD,
                new CardContent("Blauwe auto", "Verkocht", null, List.of(new Choice("alt", "Iets anders")))));
        assertThat(ContentDegradation.degrade(carousel, TEXT_AND_MEDIA)).isEqualTo(TextContent.of("""
                1. Rode auto
                Nog beschikbaar
                https://cdn.example/red.jpg
                - Proefrit
                - Bel ons: +31201234567
                - Website: https://dealer.example/rood

                2. Blauwe auto
                Verkocht
                - Iets anders"""));
    }

    @Test
    void cardsAndCarouselsReachChannelsThatTakeThemUnchanged() {
        CarouselContent carousel = new CarouselContent(List.of(CARD, CARD));
        assertThat(ContentDegradation.degrade(CARD, CARDS)).isSameAs(CARD);
        assertThat(ContentDegradation.degrade(carousel, CARDS)).isSameAs(carousel);
    }

    @Test
    void aChoiceWithActionsOnAChannelWithButtonsButNoCardsIsNumberedTextWithTargets() {
        ChoiceContent choice = new ChoiceContent("Hoe verder?", List.of(new Choice("yes", "Ja"),
                new Choice("call", "Bel ons", new ChoiceAction.Dial("+31201234567"))));
        assertThat(ContentDegradation.degrade(choice, BUTTONS))
                .isEqualTo(TextContent.of("Hoe verder?\n1. Ja\n2. Bel ons: +31201234567"));
        assertThat(ContentDegradation.degrade(choice, CARDS)).isSameAs(choice);
        ChoiceContent replies = new ChoiceContent("Ja of nee?", List.of(new Choice("y", "Ja"), new Choice("n", "Nee")));
        assertThat(ContentDegradation.degrade(replies, BUTTONS)).isSameAs(replies);
    }

    @Test
    void aCardOnAChannelWithoutTextOrMediaCannotBeCarried() {
        ChannelDescriptor reactionsOnly = channel(ContentType.REACTION);
        assertThat(ContentDegradation.canCarry(CARD, reactionsOnly)).isFalse();
        assertThat(ContentDegradation.canCarry(new CarouselContent(List.of(CARD, CARD)), reactionsOnly)).isFalse();
    }
}
