package io.channelhub.connector.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.GraphHttpClient;
import io.channelhub.connector.meta.GraphPermissions;
import io.channelhub.connector.meta.MetaCdnMediaFetcher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/** The Send API and Page calls the connector makes, through the Meta family's Graph client. */
final class MessengerApiClient {

    private final GraphHttpClient graph;

    MessengerApiClient(HttpClient http, GraphApiConfig config, Clock clock) {
        this.graph = new GraphHttpClient(http, config, clock, "Messenger Graph API", MessengerErrorClassifier.TABLE);
    }

    GraphApiConfig config() {
        return graph.config();
    }

    /** {@code POST /{version}/{page-id}/messages}: a message or a sender action. */
    JsonNode send(MessengerSettings settings, String pageId, ObjectNode body) {
        return graph.post(settings.pageAccessToken(), settings.apiVersion(), pageId + "/messages", body, "send");
    }

    /** {@code GET /{version}/{page-id}?fields=id,name}: proves token and Page in one cheap call. */
    JsonNode page(MessengerSettings settings, String pageId) {
        return graph.get(settings.pageAccessToken(), settings.apiVersion(), pageId + "?fields=id,name",
                "page lookup");
    }

    /** Appends to a passed lookup what the Page token may do; a token without {@code pages_messaging} is refused. */
    String permissions(MessengerSettings settings, String detail) {
        return GraphPermissions.check(graph, settings.pageAccessToken(), settings.apiVersion(),
                List.of("pages_messaging"), detail);
    }

    /** Inbound attachments, from Meta's signed CDN urls. */
    MetaCdnMediaFetcher mediaFetcher() {
        return new MetaCdnMediaFetcher(graph, "Messenger");
    }
}
