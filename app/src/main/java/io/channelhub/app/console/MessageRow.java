package io.channelhub.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A message as a line of the console: for the search results and a conversation's neighbours. */
record MessageRow(String id, long seq, String time, String tenantId, String channel, String direction,
                  String contact, String status, String preview, String conversationId) {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int PREVIEW = 80;

    static MessageRow of(MessageRecord r) {
        return new MessageRow(r.id(), r.seq(), time(r.createdAt()), r.tenantId(), r.channel(),
                r.direction().wireName(), r.contactAddress(), r.status().wireName(), preview(r.body()),
                r.conversationId());
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The message's text, shortened, or its kind of content in brackets; "(erased)" once retention took it. */
    static String preview(String body) {
        JsonNode content = content(body);
        if (content == null) {
            return body == null ? "(erased)" : "";
        }
        String text = firstText(content, "text", "caption", "subject", "title", "filename");
        String type = content.path("type").asText("");
        if (text == null) {
            return type.isEmpty() ? "" : "[" + type + "]";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        String shown = flat.length() > PREVIEW ? flat.substring(0, PREVIEW - 1) + "…" : flat;
        return "text".equals(type) || type.isEmpty() ? shown : "[" + type + "] " + shown;
    }

    static JsonNode content(String body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode content = HubJson.mapper().readTree(body).path("content");
            return content.isObject() ? content : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String firstText(JsonNode content, String... fields) {
        for (String field : fields) {
            if (content.path(field).isTextual() && !content.path(field).asText().isBlank()) {
                return content.path(field).asText();
            }
        }
        return null;
    }
}
