package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceAction;
import io.channelhub.core.model.HubJson;

/**
 * A {@link Choice} as an RBM suggestion: a {@code reply}, or an {@code action} (dial, open URL, view or share
 * a location, create a calendar event). Either way the choice's id is the {@code postbackData}, so a tap comes
 * back as a {@code suggestionResponse} the normalizer maps to {@code choice_response}. Shapes:
 * https://developers.google.com/business-communications/rcs-business-messaging/reference/rest/v1/phones.agentMessages#suggestion
 */
final class GoogleSuggestions {

    static final int MAX_TEXT = 25;
    static final int MAX_POSTBACK_DATA = 2048;

    private GoogleSuggestions() {
    }

    /** Whether RBM takes the choice as a suggestion: a title of 1–25 characters, postback data within limits. */
    static boolean fits(Choice choice) {
        return choice.title() != null && !choice.title().isBlank()
                && GoogleMessageRenderer.length(choice.title()) <= MAX_TEXT
                && GoogleMessageRenderer.length(postbackOf(choice)) <= MAX_POSTBACK_DATA;
    }

    static ObjectNode of(Choice choice) {
        ObjectNode suggestion = HubJson.mapper().createObjectNode();
        if (choice.action() == null) {
            suggestion.putObject("reply").put("text", choice.title()).put("postbackData", postbackOf(choice));
            return suggestion;
        }
        ObjectNode action = suggestion.putObject("action").put("text", choice.title())
                .put("postbackData", postbackOf(choice));
        ChoiceAction a = choice.action();
        if (a instanceof ChoiceAction.Dial dial) {
            action.putObject("dialAction").put("phoneNumber", dial.phoneNumber());
        } else if (a instanceof ChoiceAction.OpenUrl open) {
            action.putObject("openUrlAction").put("url", open.url());
        } else if (a instanceof ChoiceAction.ViewLocation view) {
            ObjectNode node = action.putObject("viewLocationAction");
            if (view.hasCoordinates()) {
                node.putObject("latLong").put("latitude", view.latitude()).put("longitude", view.longitude());
                if (view.label() != null && !view.label().isBlank()) {
                    node.put("label", view.label());
                }
            } else {
                node.put("query", view.query());
            }
        } else if (a instanceof ChoiceAction.ShareLocation) {
            action.putObject("shareLocationAction");
        } else if (a instanceof ChoiceAction.Calendar calendar) {
            ObjectNode node = action.putObject("createCalendarEventAction")
                    .put("startTime", calendar.startTime().toString()).put("endTime", calendar.endTime().toString())
                    .put("title", calendar.title());
            if (calendar.description() != null && !calendar.description().isBlank()) {
                node.put("description", calendar.description());
            }
        }
        return suggestion;
    }

    /** The device feature RBM's capability check names for the action, or null for a plain reply. */
    static String featureOf(ChoiceAction action) {
        if (action == null) {
            return null;
        }
        if (action instanceof ChoiceAction.Dial) {
            return "ACTION_DIAL";
        }
        if (action instanceof ChoiceAction.OpenUrl) {
            return "ACTION_OPEN_URL";
        }
        if (action instanceof ChoiceAction.ViewLocation) {
            return "ACTION_VIEW_LOCATION";
        }
        return action instanceof ChoiceAction.ShareLocation ? "ACTION_SHARE_LOCATION" : "ACTION_CREATE_CALENDAR_EVENT";
    }

    /** The option's id comes back as {@code postbackData} in the user's {@code suggestionResponse}. */
    static String postbackOf(Choice choice) {
        return choice.id() != null && !choice.id().isBlank() ? choice.id() : String.valueOf(choice.title());
    }
}
