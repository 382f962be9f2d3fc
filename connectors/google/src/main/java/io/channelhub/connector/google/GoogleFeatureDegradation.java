package io.channelhub.connector.google;

import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TextContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fits content to what the contact's device shows, as RBM's capability check lists it: RBM refuses a message
 * with a feature the device lacks ({@code 400 INVALID_ARGUMENT}, PROTOCOLS §10.2), so such content is degraded
 * before sending, never sent to fail. The rules follow the hub's own degradation (ContentDegradation):
 * <ul>
 *   <li>a carousel without {@code RICHCARD_CAROUSEL} → the carousel's numbered text (one message keeps every
 *       card; a standalone card would drop all but one);</li>
 *   <li>a card without {@code RICHCARD_STANDALONE} → the card's text, media URL as a line; likewise a captioned
 *       image or video, which RBM sends as a standalone card;</li>
 *   <li>an action without its {@code ACTION_*} feature → dropped from the suggestions and spelled out in the
 *       text (a choice's question, a card's description);</li>
 *   <li>a location without {@code ACTION_VIEW_LOCATION} → its text with a map link.</li>
 * </ul>
 * Null features mean the hub does not know: the content goes as it is.
 */
final class GoogleFeatureDegradation {

    static final String RICHCARD_STANDALONE = "RICHCARD_STANDALONE";
    static final String RICHCARD_CAROUSEL = "RICHCARD_CAROUSEL";
    static final String ACTION_VIEW_LOCATION = "ACTION_VIEW_LOCATION";

    private GoogleFeatureDegradation() {
    }

    static Content fit(Content content, List<String> features) {
        if (features == null) {
            return content;
        }
        Set<String> has = Set.copyOf(features);
        if (content instanceof CarouselContent carousel) {
            return has.contains(RICHCARD_CAROUSEL)
                    ? new CarouselContent(carousel.cards().stream().map(c -> fitCard(c, has)).toList())
                    : carousel.asText();
        }
        if (content instanceof CardContent card) {
            return has.contains(RICHCARD_STANDALONE) ? fitCard(card, has) : card.asText();
        }
        if (content instanceof ChoiceContent choice) {
            return fitChoice(choice, has);
        }
        if (content instanceof MediaContent media && !has.contains(RICHCARD_STANDALONE) && captionedVisual(media)) {
            return TextContent.of(media.caption().strip() + "\n\n" + media.url());
        }
        if (content instanceof LocationContent location && !has.contains(ACTION_VIEW_LOCATION)) {
            return TextContent.of(locationText(location));
        }
        return content;
    }

    private static CardContent fitCard(CardContent card, Set<String> has) {
        List<Choice> kept = new ArrayList<>();
        List<String> spelled = new ArrayList<>();
        split(card.choices(), has, kept, spelled);
        if (spelled.isEmpty()) {
            return card;
        }
        String lines = String.join("\n", spelled);
        String description = card.description() == null || card.description().isBlank() ? lines
                : card.description().strip() + "\n\n" + lines;
        return new CardContent(card.title(), description, card.media(), kept);
    }

    private static Content fitChoice(ChoiceContent choice, Set<String> has) {
        List<Choice> kept = new ArrayList<>();
        List<String> spelled = new ArrayList<>();
        split(choice.choices(), has, kept, spelled);
        if (spelled.isEmpty()) {
            return choice;
        }
        String text = (choice.text() == null ? "" : choice.text().strip() + "\n") + String.join("\n", spelled);
        return kept.isEmpty() ? TextContent.of(text) : new ChoiceContent(text, kept);
    }

    private static void split(List<Choice> choices, Set<String> has, List<Choice> kept, List<String> spelled) {
        for (Choice choice : choices) {
            String feature = GoogleSuggestions.featureOf(choice.action());
            if (feature == null || has.contains(feature)) {
                kept.add(choice);
            } else {
                spelled.add(choice.asLine());
            }
        }
    }

    private static boolean captionedVisual(MediaContent media) {
        return media.caption() != null && !media.caption().isBlank() && media.url() != null
                && (media.mediaType() == MediaKind.IMAGE || media.mediaType() == MediaKind.VIDEO
                || media.mediaType() == MediaKind.STICKER);
    }

    private static String locationText(LocationContent location) {
        List<String> lines = new ArrayList<>();
        if (location.name() != null && !location.name().isBlank()) {
            lines.add(location.name().strip());
        }
        if (location.address() != null && !location.address().isBlank()) {
            lines.add(location.address().strip());
        }
        lines.add("https://www.google.com/maps/search/?api=1&query=" + location.latitude() + "%2C"
                + location.longitude());
        return String.join("\n", lines);
    }
}
