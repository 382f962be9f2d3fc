package io.channelhub.connector.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.WebhookText;

/**
 * One entry of a webhook's {@code contacts[]}: {@code {"profile":{"name","username"?},"wa_id","user_id"?}}.
 * {@code wa_id} (the phone number) may be absent for users who adopted a username (from mid-2026);
 * {@code user_id} is the business-scoped user id (BSUID), present since April 2026.
 */
public record WebhookContact(String waId, String userId, String profileName, String username) {

    public static WebhookContact fromNode(JsonNode node) {
        JsonNode profile = node.path("profile");
        return new WebhookContact(WebhookText.of(node, "wa_id"), WebhookText.of(node, "user_id"),
                WebhookText.of(profile, "name"), WebhookText.of(profile, "username"));
    }
}
