package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReasonCodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cards as RBM rich cards: a card is a vertical {@code standaloneCard}, a carousel a {@code carouselCard} of
 * medium width. Each {@code cardContent} holds at most 4 suggestions; options that do not fit (a fifth, a title
 * over 25 characters, a repeated id) are spelled out under the description rather than dropped. Title up to 200
 * characters, description up to 2,000: longer is refused, because cutting a price or a date is worse than
 * failing. Media must be an image or a video (a GIF is an image); other files become a link in the description.
 * https://developers.google.com/business-communications/rcs-business-messaging/guides/build/messages/send#rich-cards
 */
final class GoogleCardRenderer {

    static final int MAX_TITLE = 200;
    static final int MAX_SUGGESTIONS_PER_CARD = 4;

    private GoogleCardRenderer() {
    }

    static void standalone(ObjectNode contentMessage, CardContent card, Object thumbnailUrl) {
        ObjectNode standalone = contentMessage.putObject("richCard").putObject("standaloneCard");
        standalone.put("cardOrientation", "VERTICAL");
        standalone.set("cardContent", cardContent(card, thumbnailUrl));
    }

    static void carousel(ObjectNode contentMessage, CarouselContent carousel) {
        int n = carousel.cards().size();
        if (n < CarouselContent.MIN_CARDS || n > CarouselContent.MAX_CARDS) {
            throw unsupported("an RBM carousel holds 2 to 10 cards, not " + n);
        }
        ObjectNode card = contentMessage.putObject("richCard").putObject("carouselCard");
        card.put("cardWidth", "MEDIUM");
        ArrayNode contents = card.putArray("cardContents");
        carousel.cards().forEach(c -> contents.add(cardContent(c, null)));
    }

    private static ObjectNode cardContent(CardContent card, Object thumbnailUrl) {
        ObjectNode content = HubJson.mapper().createObjectNode();
        if (present(card.title())) {
            if (GoogleMessageRenderer.length(card.title()) > MAX_TITLE) {
                throw unsupported("an RBM card title is limited to " + MAX_TITLE + " characters");
            }
            content.put("title", card.title());
        }
        List<String> extraLines = new ArrayList<>();
        MediaContent media = card.media();
        if (media != null && visual(media)) {
            ObjectNode contentInfo = content.putObject("media").put("height", "MEDIUM").putObject("contentInfo")
                    .put("fileUrl", media.url());
            if (thumbnailUrl instanceof String url && !url.isBlank()) {
                contentInfo.put("thumbnailUrl", url);
            }
            contentInfo.put("forceRefresh", false);
        } else if (media != null && present(media.url())) {
            extraLines.add(media.url());
        }
        ArrayNode suggestions = HubJson.mapper().createArrayNode();
        Set<String> postbacks = new HashSet<>();
        for (Choice choice : card.choices()) {
            if (suggestions.size() < MAX_SUGGESTIONS_PER_CARD && GoogleSuggestions.fits(choice)
                    && postbacks.add(GoogleSuggestions.postbackOf(choice))) {
                suggestions.add(GoogleSuggestions.of(choice));
            } else {
                extraLines.add(choice.asLine());
            }
        }
        String description = description(card.description(), extraLines);
        if (description != null) {
            if (GoogleMessageRenderer.length(description) > GoogleMessageRenderer.MAX_CARD_DESCRIPTION) {
                throw unsupported("an RBM card description is limited to "
                        + GoogleMessageRenderer.MAX_CARD_DESCRIPTION + " characters");
            }
            content.put("description", description);
        }
        if (!content.has("title") && !content.has("description") && !content.has("media")) {
            throw unsupported("an RBM card needs a title, a description or an image or video");
        }
        if (!suggestions.isEmpty()) {
            content.set("suggestions", suggestions);
        }
        return content;
    }

    private static String description(String description, List<String> extraLines) {
        List<String> parts = new ArrayList<>();
        if (present(description)) {
            parts.add(description.strip());
        }
        if (!extraLines.isEmpty()) {
            parts.add(String.join("\n", extraLines));
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    private static boolean visual(MediaContent media) {
        return present(media.url()) && (media.mediaType() == MediaKind.IMAGE || media.mediaType() == MediaKind.VIDEO
                || media.mediaType() == MediaKind.STICKER);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static PermanentChannelException unsupported(String message) {
        return new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null, message);
    }
}
