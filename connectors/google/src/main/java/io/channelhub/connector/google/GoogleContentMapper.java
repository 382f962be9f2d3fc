package io.channelhub.connector.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.google.model.RbmFields;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.MediaSource;
import java.util.List;
import java.util.Map;

/**
 * The content of an RBM {@code UserMessage}: {@code text}, {@code userFile}, {@code location} or
 * {@code suggestionResponse}; anything else is {@code unsupported} with the message kept raw.
 * https://developers.google.com/business-communications/rcs-business-messaging/reference/rest/v1/UserMessage
 */
final class GoogleContentMapper {

    /** Metadata key: {@code REPLY} or {@code ACTION}, the kind of suggestion the user tapped. */
    static final String SUGGESTION_TYPE = "suggestionType";

    private GoogleContentMapper() {
    }

    record MappedContent(Content content, List<MediaSource> mediaSources, Map<String, Object> metadata) {
        static MappedContent of(Content content) {
            return new MappedContent(content, List.of(), Map.of());
        }
    }

    static MappedContent map(JsonNode message) {
        String text = RbmFields.text(message, "text");
        if (text != null) {
            return MappedContent.of(TextContent.of(message.path("text").asText()));
        }
        if (message.path("userFile").isObject()) {
            return file(message, message.path("userFile").path("payload"));
        }
        if (message.path("location").isObject()) {
            return location(message, message.path("location"));
        }
        if (message.path("suggestionResponse").isObject()) {
            return suggestion(message, message.path("suggestionResponse"));
        }
        return unsupported(message);
    }

    /** The file is fetched into hub storage later, from {@code fileUri} (see {@link GoogleMediaFetcher}). */
    private static MappedContent file(JsonNode message, JsonNode payload) {
        String uri = RbmFields.text(payload, "fileUri");
        if (uri == null) {
            return unsupported(message);
        }
        String mimeType = RbmFields.text(payload, "mimeType");
        String fileName = RbmFields.text(payload, "fileName");
        MediaContent media = new MediaContent(MediaKind.ofMimeType(mimeType), null, mimeType, fileName, null,
                RbmFields.whole(payload, "fileSizeBytes"));
        return new MappedContent(media, List.of(new MediaSource(uri, mimeType, fileName)), Map.of());
    }

    private static MappedContent location(JsonNode message, JsonNode location) {
        JsonNode latitude = location.path("latitude");
        JsonNode longitude = location.path("longitude");
        if (!latitude.isNumber() || !longitude.isNumber() || Math.abs(latitude.asDouble()) > 90
                || Math.abs(longitude.asDouble()) > 180) {
            return unsupported(message);
        }
        return MappedContent.of(new LocationContent(latitude.asDouble(), longitude.asDouble(), null, null));
    }

    /** The option's id was sent as {@code postbackData}; the text is what the user saw and tapped. */
    private static MappedContent suggestion(JsonNode message, JsonNode response) {
        String postback = RbmFields.text(response, "postbackData");
        String title = RbmFields.text(response, "text");
        if (postback == null && title == null) {
            return unsupported(message);
        }
        String type = RbmFields.text(response, "type");
        return new MappedContent(new ChoiceResponseContent(postback != null ? postback : title, title), List.of(),
                type == null ? Map.of() : Map.of(SUGGESTION_TYPE, type));
    }

    private static MappedContent unsupported(JsonNode message) {
        return MappedContent.of(new UnsupportedContent(providerType(message), message));
    }

    /** The name of the content field Google sent, or {@code unknown}. */
    private static String providerType(JsonNode message) {
        for (String field : List.of("text", "userFile", "location", "suggestionResponse")) {
            if (message.has(field)) {
                return field;
            }
        }
        return "unknown";
    }
}
