package io.channelhub.app.outbound;

import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.MediaContent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The submission rules of media, cards, carousels and choice actions, each problem naming the field
 * ({@code content.cards[1].choices[0].action.url}) so the caller can fix it without guessing. Channel limits
 * (RBM's 25-character suggestions, Meta's 80-character titles) are the connectors': they fit or degrade.
 */
final class RichContentRules {
    private RichContentRules() {
    }

    /** A problem of {@code media} at {@code field}, or null. */
    static String media(MediaContent media, String field) {
        if (media.url() == null || !media.url().startsWith("https://")) {
            return "'" + field + ".url' must be an https URL";
        }
        return media.mediaType() == null ? "'" + field + ".mediaType' is required" : null;
    }

    static String card(CardContent card, String field) {
        if (blank(card.title()) && blank(card.description()) && card.media() == null) {
            return "'" + field + "' needs a 'title', a 'description' or 'media'";
        }
        for (String part : new String[] {"title", "description"}) {
            String value = "title".equals(part) ? card.title() : card.description();
            if (value != null && value.length() > OutboundValidator.MAX_TEXT) {
                return "'" + field + "." + part + "' is longer than " + OutboundValidator.MAX_TEXT + " characters";
            }
        }
        String problem = card.media() == null ? null : media(card.media(), field + ".media");
        return problem != null ? problem : choices(card.choices(), field + ".choices");
    }

    static String carousel(CarouselContent carousel) {
        int n = carousel.cards().size();
        if (n < CarouselContent.MIN_CARDS || n > CarouselContent.MAX_CARDS) {
            return "'content.cards' must hold " + CarouselContent.MIN_CARDS + " to " + CarouselContent.MAX_CARDS
                    + " cards, not " + n;
        }
        for (int i = 0; i < n; i++) {
            CardContent card = carousel.cards().get(i);
            String problem = card == null ? "'content.cards[" + i + "]' is null" : card(card, "content.cards[" + i + "]");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static String choices(List<Choice> choices, String field) {
        for (int i = 0; i < choices.size(); i++) {
            Choice choice = choices.get(i);
            String at = field + "[" + i + "]";
            if (choice == null || blank(choice.title())) {
                return "'" + at + ".title' is required";
            }
            String problem = choice.action() == null ? null : action(choice.action(), at + ".action");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static String action(ChoiceAction action, String field) {
        if (action instanceof ChoiceAction.Dial dial) {
            return dial.phoneNumber() != null && PhoneNumbers.parse(dial.phoneNumber()).isPresent() ? null
                    : "'" + field + ".phoneNumber' must be an E.164 number (+ and 8 to 15 digits)";
        }
        if (action instanceof ChoiceAction.OpenUrl open) {
            return webUrl(open.url()) ? null : "'" + field + ".url' must be an absolute http(s) URL";
        }
        if (action instanceof ChoiceAction.ViewLocation view) {
            return viewLocation(view, field);
        }
        if (action instanceof ChoiceAction.Calendar calendar) {
            return calendar(calendar, field);
        }
        return null;
    }

    private static String viewLocation(ChoiceAction.ViewLocation view, String field) {
        if (view.latitude() == null && view.longitude() == null) {
            return blank(view.query()) ? "'" + field + "' needs 'latitude' and 'longitude', or a 'query'" : null;
        }
        if (view.latitude() == null || view.longitude() == null) {
            return "'" + field + "' needs both 'latitude' and 'longitude'";
        }
        if (!(Math.abs(view.latitude()) <= 90)) {
            return "'" + field + ".latitude' must be between -90 and 90";
        }
        return Math.abs(view.longitude()) <= 180 ? null : "'" + field + ".longitude' must be between -180 and 180";
    }

    private static String calendar(ChoiceAction.Calendar calendar, String field) {
        if (calendar.startTime() == null || calendar.endTime() == null) {
            return "'" + field + "' needs 'startTime' and 'endTime'";
        }
        if (!calendar.endTime().isAfter(calendar.startTime())) {
            return "'" + field + ".endTime' must be after 'startTime'";
        }
        return blank(calendar.title()) ? "'" + field + ".title' is required" : null;
    }

    private static boolean webUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
