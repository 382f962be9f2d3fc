package io.channelhub.connector.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The credential check's second call: what the token may do, from debug_token as Meta documents its answer. */
class GraphPermissionsTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "EAAGpage+Token/Value42";
    private static final String DEBUG = "/v26.0/debug_token?input_token=EAAGpage%2BToken%2FValue42";
    private static final GraphAccessToken ACCESS = GraphAccessToken.of("pageAccessToken", TOKEN);
    private static final List<String> MESSAGING = List.of("pages_messaging");

    private GraphHttpClient client;

    @BeforeEach
    void setUp() {
        GraphApiConfig config = new GraphApiConfig("messenger", URI.create(graph.baseUrl() + "/"), "v26.0",
                Duration.ofMillis(500));
        client = new GraphHttpClient(GraphHttpClient.sharedHttpClient(config), config, Clock.systemUTC(),
                "Test Graph API", GraphErrorTable.metaPlatform());
    }

    private static String debugAnswer(boolean valid, String scopes) {
        return """
                {"data":{"app_id":"138483919580948","type":"PAGE","application":"Dealer Chat",
                 "expires_at":0,"is_valid":%s,"profile_id":"104958162837465",
                 "scopes":[%s]}}""".formatted(valid, scopes);
    }

    @Test
    void aTokenWithThePermissionPassesAndSaysSo() {
        graph.stubFor(get(urlEqualTo(DEBUG)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(debugAnswer(true, "\"pages_show_list\",\"pages_messaging\",\"pages_manage_metadata\""))));
        assertThat(GraphPermissions.check(client, ACCESS, "v26.0", MESSAGING, "Page 'Garage' is reachable"))
                .isEqualTo("Page 'Garage' is reachable; permissions pages_messaging granted");
        graph.verify(1, getRequestedFor(urlEqualTo(DEBUG)));
    }

    @Test
    void aMissingPermissionIsACredentialsRefusalNamingItAndNotTheToken() {
        graph.stubFor(get(urlEqualTo(DEBUG)).willReturn(okJson(debugAnswer(true, "\"pages_show_list\""))));
        PermanentChannelException e = catchThrowableOfType(
                () -> GraphPermissions.check(client, ACCESS, "v26.0", MESSAGING, "ok"), PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).contains("pages_messaging").doesNotContain(TOKEN).doesNotContain("EAAGpage");
    }

    @Test
    void anInvalidTokenIsRefused() {
        graph.stubFor(get(urlEqualTo(DEBUG)).willReturn(okJson("""
                {"data":{"app_id":"138483919580948","type":"PAGE","is_valid":false,"scopes":[],
                 "error":{"code":190,"message":"Error validating access token: The session has been invalidated."}}}""")));
        PermanentChannelException e = catchThrowableOfType(
                () -> GraphPermissions.check(client, ACCESS, "v26.0", MESSAGING, "ok"), PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).contains("session has been invalidated").doesNotContain(TOKEN);
    }

    @Test
    void whenMetaWillNotSayTheLookupStandsAndTheDetailSaysSo() {
        graph.stubFor(get(urlEqualTo(DEBUG)).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("""
                {"error":{"message":"(#100) You must provide an app access token","type":"OAuthException","code":100,
                 "fbtrace_id":"AbC123"}}""")));
        String detail = GraphPermissions.check(client, ACCESS, "v26.0", MESSAGING, "Page reachable");
        assertThat(detail).startsWith("Page reachable; its permissions could not be read").doesNotContain(TOKEN)
                .doesNotContain("EAAGpage");
    }
}
