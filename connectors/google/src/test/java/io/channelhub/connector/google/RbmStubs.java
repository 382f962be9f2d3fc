package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.spi.TenantConnector;
import java.util.HashMap;
import java.util.Map;

/** One WireMock server playing both Google's token endpoint and the RBM API, for the connector's tests. */
final class RbmStubs {

    static final String TOKEN_PATH = "/oauth2/token";
    static final String ACCESS_TOKEN = "ya29.c.test-access-token-0123456789";
    static final String AGENT_MESSAGES = "/v1/phones/" + GoogleFixtures.USER + "/agentMessages";

    private RbmStubs() {
    }

    static String tokenUri(WireMockExtension google) {
        return google.baseUrl() + TOKEN_PATH;
    }

    static TenantConnector tenant(WireMockExtension google) {
        return GoogleFixtures.tenant(tokenUri(google));
    }

    /** The connector against the stub, with {@code regional-base-url} under {@code /{region}} of it. */
    static GoogleConnector connector(WireMockExtension google, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("base-url", google.baseUrl(),
                "regional-base-url", google.baseUrl() + "/{region}", "timeout", "1s"));
        all.putAll(properties);
        return (GoogleConnector) new GoogleConnectorFactory().create(GoogleFixtures.environment(all));
    }

    static void tokenEndpointIssues(WireMockExtension google, String accessToken, int expiresInSeconds) {
        google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"" + accessToken
                + "\",\"expires_in\":" + expiresInSeconds + ",\"token_type\":\"Bearer\"}")));
    }

    /** A 200 for sends under {@code prefix}, the path a {@code regional-base-url} stub maps a region to. */
    static void agentMessagesAnswerUnder(WireMockExtension google, String prefix) {
        google.stubFor(post(urlPathMatching(prefix + "/v1/phones/[^/]+/agentMessages"))
                .willReturn(okJson(GoogleFixtures.text("outbound/agent-message-created.json"))));
    }

    static void agentMessagesAnswer(WireMockExtension google, int status, String fixture) {
        google.stubFor(post(urlPathMatching("/v1/phones/[^/]+/agentMessages")).willReturn(aResponse()
                .withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(GoogleFixtures.text("outbound/" + fixture))));
    }
}
