package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What tapping a {@link Choice} does instead of answering: call a number, open a web page, show or ask for a
 * place, or save a calendar event. Channels with action buttons (RBM suggested actions, Meta buttons) show it
 * as one; elsewhere {@link #spelledOut()} puts its target in the text, so the person can still act on it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChoiceAction.Dial.class, name = "dial"),
        @JsonSubTypes.Type(value = ChoiceAction.OpenUrl.class, name = "open_url"),
        @JsonSubTypes.Type(value = ChoiceAction.ViewLocation.class, name = "view_location"),
        @JsonSubTypes.Type(value = ChoiceAction.ShareLocation.class, name = "share_location"),
        @JsonSubTypes.Type(value = ChoiceAction.Calendar.class, name = "calendar")
})
public sealed interface ChoiceAction {

    /** The target as text for channels without the action (a number, a URL, a map link, a date), or null. */
    @JsonIgnore
    String spelledOut();

    /** Call {@code phoneNumber} (E.164). */
    record Dial(String phoneNumber) implements ChoiceAction {
        @Override
        public String spelledOut() {
            return phoneNumber;
        }
    }

    /** Open {@code url} (http or https) in the browser. */
    record OpenUrl(String url) implements ChoiceAction {
        @Override
        public String spelledOut() {
            return url;
        }
    }

    /** Show a place on the map: by coordinates (with an optional label) or by a search {@code query}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ViewLocation(Double latitude, Double longitude, String label, String query) implements ChoiceAction {
        @JsonIgnore
        public boolean hasCoordinates() {
            return latitude != null && longitude != null;
        }

        /** Google Maps' cross-platform search URL: every phone opens it, in a map app or the browser. */
        @Override
        public String spelledOut() {
            String q = hasCoordinates() ? latitude + "," + longitude : query;
            return q == null ? null : "https://www.google.com/maps/search/?api=1&query="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8);
        }
    }

    /** Ask the person to send their location; as text there is nothing to spell out, the title asks. */
    record ShareLocation() implements ChoiceAction {
        @Override
        public String spelledOut() {
            return null;
        }
    }

    /** Offer to save an event in the person's calendar. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Calendar(Instant startTime, Instant endTime, String title, String description) implements ChoiceAction {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

        /** In UTC, because the hub does not know the person's time zone and a wrong local time is worse. */
        @Override
        public String spelledOut() {
            if (startTime == null) {
                return title;
            }
            String when = WHEN.format(startTime) + (endTime == null ? ""
                    : "–" + (endTime.atOffset(ZoneOffset.UTC).toLocalDate()
                    .equals(startTime.atOffset(ZoneOffset.UTC).toLocalDate())
                    ? UNTIL.format(endTime) : WHEN.format(endTime))) + " UTC";
            return title == null || title.isBlank() ? when : title + ", " + when;
        }
    }
}
