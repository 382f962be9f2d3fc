package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.connector.meta.WebhookText;
import java.time.Duration;
import java.util.Optional;

/**
 * Meta's reusable attachment ids: a media send with {@code is_reusable} is answered with an {@code attachment_id},
 * and the Page sends the same file again by that id, so Meta need not fetch the URL again (a dealer's brochure
 * or car photo goes to many people). Kept per (Page, URL) in memory only: after a restart, or on another hub
 * instance, the file simply goes by URL once more. Ids last 90 days (PROTOCOLS.md §10.1); kept 80 to be safe.
 */
final class MessengerAttachmentIds {
    private final Cache<String, String> ids = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofDays(80)).build();

    /** The body with the file's attachment id in place of its URL, where the Page sent that URL before. */
    Optional<String> reuse(String pageId, ObjectNode body) {
        ObjectNode payload = payload(body);
        String url = payload == null ? null : WebhookText.of(payload, "url");
        String id = url == null ? null : ids.getIfPresent(key(pageId, url));
        if (id == null) {
            return Optional.empty();
        }
        payload.removeAll();
        payload.put("attachment_id", id);
        return Optional.of(url);
    }

    /** Remembers the id Meta gave a file sent by URL. */
    void remember(String pageId, ObjectNode body, JsonNode answer) {
        ObjectNode payload = payload(body);
        String url = payload == null ? null : WebhookText.of(payload, "url");
        String id = WebhookText.of(answer, "attachment_id");
        if (url != null && id != null) {
            ids.put(key(pageId, url), id);
        }
    }

    /** An id Meta no longer takes (expired early, the Page changed): the next send goes by URL. */
    void forget(String pageId, String url) {
        ids.invalidate(key(pageId, url));
    }

    private static ObjectNode payload(ObjectNode body) {
        JsonNode payload = body.path("message").path("attachment").path("payload");
        return payload instanceof ObjectNode p && !"template".equals(body.path("message").path("attachment")
                .path("type").asText()) ? p : null;
    }

    private static String key(String pageId, String url) {
        return pageId + ' ' + url;
    }
}
