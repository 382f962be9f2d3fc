package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.GraphHttpClient;
import io.channelhub.connector.meta.GraphPermissions;
import io.channelhub.connector.whatsapp.model.MediaUrl;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;

/** The few Cloud API calls the connector makes, through the Meta family's Graph client and WhatsApp's error table. */
final class WhatsAppApiClient {

    private final GraphHttpClient graph;

    WhatsAppApiClient(HttpClient http, GraphApiConfig config, Clock clock) {
        this.graph = new GraphHttpClient(http, config, clock, "WhatsApp Graph API", WhatsAppErrorClassifier.TABLE);
    }

    GraphApiConfig config() {
        return graph.config();
    }

    /** {@code POST /{version}/{phone-number-id}/messages}; returns the parsed answer. */
    JsonNode sendMessage(WhatsAppSettings settings, String phoneNumberId, ObjectNode body) {
        return graph.post(settings.accessToken(), settings.apiVersion(), phoneNumberId + "/messages", body, "send");
    }

    /** Appends to a passed lookup what the token may do; one without {@code whatsapp_business_messaging} is refused. */
    String permissions(WhatsAppSettings settings, String detail) {
        return GraphPermissions.check(graph, settings.accessToken(), settings.apiVersion(),
                List.of("whatsapp_business_messaging"), detail);
    }

    /** {@code GET /{version}/{phone-number-id}?fields=id}: a cheap call that proves token and number. */
    JsonNode phoneNumber(WhatsAppSettings settings, String phoneNumberId) {
        return graph.get(settings.accessToken(), settings.apiVersion(), phoneNumberId + "?fields=id",
                "phone number lookup");
    }

    /** Step 1 of a media download: {@code GET /{version}/{media-id}} → a short-lived url. */
    MediaUrl mediaUrl(WhatsAppSettings settings, String mediaId) {
        return MediaUrl.fromNode(graph.get(settings.accessToken(), settings.apiVersion(), mediaId, "media lookup"))
                .orElseThrow(() -> new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                        "WhatsApp media lookup answered without a url"));
    }

    /** Step 2: the media itself, from the url of step 1, with the same bearer token (Meta requires it). */
    HttpResponse<InputStream> download(WhatsAppSettings settings, String url) {
        return graph.download(url, settings.accessToken());
    }
}
