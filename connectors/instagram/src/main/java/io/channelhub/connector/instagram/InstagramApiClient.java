package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.GraphHttpClient;
import io.channelhub.connector.meta.GraphPermissions;
import io.channelhub.connector.meta.MetaCdnMediaFetcher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/**
 * The Graph calls of the Instagram connector, through the Meta family's client, on the host of the tenant's
 * setup: graph.instagram.com for Instagram Login, graph.facebook.com for a linked Page.
 */
final class InstagramApiClient {

    private static final String API = "Instagram Graph API";

    private final GraphHttpClient facebookGraph;
    private final GraphHttpClient instagramGraph;

    /**
     * @param facebookApi  {@code hub.channels.instagram.base-url}, graph.facebook.com
     * @param instagramApi {@code hub.channels.instagram.instagram-base-url}, graph.instagram.com
     */
    InstagramApiClient(HttpClient http, GraphApiConfig facebookApi, GraphApiConfig instagramApi, Clock clock) {
        this.facebookGraph = new GraphHttpClient(http, facebookApi, clock, API, InstagramErrorClassifier.TABLE);
        this.instagramGraph = new GraphHttpClient(http, instagramApi, clock, API, InstagramErrorClassifier.TABLE);
    }

    /** The hub's configuration; both hosts share its version and timeout. */
    GraphApiConfig config() {
        return facebookGraph.config();
    }

    /**
     * Posts a message or a sender action: {@code POST /{ig-id}/messages} with Instagram Login, {@code POST
     * /me/messages} with the Page token (the Page's own send endpoint, which needs no Page id setting).
     */
    JsonNode send(InstagramSettings settings, String accountId, ObjectNode body) {
        String path = settings.setup() == InstagramSetup.INSTAGRAM_LOGIN ? accountId + "/messages" : "me/messages";
        return graph(settings).post(settings.token(), settings.apiVersion(), path, body, "send");
    }

    /**
     * Appends to a passed lookup what the token may do. Only Page tokens can be inspected (graph.facebook.com's
     * debug_token); graph.instagram.com has no such call, so an Instagram user token's lookup stands alone.
     */
    String permissions(InstagramSettings settings, String detail) {
        if (settings.setup() == InstagramSetup.INSTAGRAM_LOGIN) {
            return detail;
        }
        return GraphPermissions.check(facebookGraph, settings.token(), settings.apiVersion(),
                List.of("instagram_manage_messages"), detail);
    }

    /** {@code GET /{ig-id}?fields=id,username}: proves token and account in one cheap call. */
    JsonNode account(InstagramSettings settings, String accountId) {
        return graph(settings).get(settings.token(), settings.apiVersion(), accountId + "?fields=id,username",
                "account lookup");
    }

    /**
     * {@code GET /refresh_access_token?grant_type=ig_refresh_token} on graph.instagram.com: a long-lived
     * Instagram user token for a new 60 days.
     */
    JsonNode refreshToken(InstagramSettings settings) {
        return instagramGraph.get(settings.token(), settings.apiVersion(),
                "refresh_access_token?grant_type=ig_refresh_token", "token refresh");
    }

    /** Inbound attachments, from Meta's signed CDN urls (the same in both setups). */
    MetaCdnMediaFetcher mediaFetcher() {
        return new MetaCdnMediaFetcher(facebookGraph, "Instagram");
    }

    private GraphHttpClient graph(InstagramSettings settings) {
        return settings.setup() == InstagramSetup.INSTAGRAM_LOGIN ? instagramGraph : facebookGraph;
    }
}
