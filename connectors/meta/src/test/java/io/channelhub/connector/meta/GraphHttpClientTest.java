package io.channelhub.connector.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One exchange per call against a stub Graph API: the request as sent, the answer or the classified failure. */
class GraphHttpClientTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "EAAGpageTokenValue42";
    private static final GraphAccessToken ACCESS = GraphAccessToken.of("pageAccessToken", TOKEN);
    private static final GraphErrorTable TABLE = GraphErrorTable.metaPlatform();

    private GraphHttpClient client;

    @BeforeEach
    void setUp() {
        GraphApiConfig config = new GraphApiConfig("messenger", URI.create(graph.baseUrl() + "/"), "v26.0",
                Duration.ofMillis(500));
        client = new GraphHttpClient(GraphHttpClient.sharedHttpClient(config), config, Clock.systemUTC(),
                "Test Graph API", TABLE);
    }

    @Test
    void postsJsonWithTheBearerTokenToTheVersionedPath() {
        graph.stubFor(post(urlEqualTo("/v25.0/1234/messages")).willReturn(okJson("{\"message_id\":\"m_1\"}")));
        ObjectNode body = HubJson.mapper().createObjectNode().put("messaging_type", "RESPONSE");
        assertThat(client.post(ACCESS, "v25.0", "1234/messages", body, "send").path("message_id").asText())
                .isEqualTo("m_1");
        graph.verify(postRequestedFor(urlEqualTo("/v25.0/1234/messages"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"messaging_type\":\"RESPONSE\"}")));
    }

    @Test
    void getsWithTheQueryAsGiven() {
        graph.stubFor(get(urlEqualTo("/v26.0/1234?fields=id,name")).willReturn(okJson("{\"id\":\"1234\"}")));
        assertThat(client.get(ACCESS, "v26.0", "1234?fields=id,name", "page lookup").path("id").asText())
                .isEqualTo("1234");
    }

    @Test
    void anAnswerThatIsNoJsonObjectIsTransient() {
        graph.stubFor(get(urlEqualTo("/v26.0/1234")).willReturn(aResponse().withStatus(200).withBody("[]")));
        TransientChannelException e = catchThrowableOfType(() -> client.get(ACCESS, "v26.0", "1234", "page lookup"),
                TransientChannelException.class);
        assertThat(e.getMessage()).contains("page lookup answer is not a JSON object");
    }

    @Test
    void aGraphErrorIsClassifiedWithTheThrottleHintOfItsHeaders() {
        graph.stubFor(post(urlEqualTo("/v26.0/1234/messages")).willReturn(aResponse().withStatus(400)
                .withHeader("X-Business-Use-Case-Usage", "{\"1234\":[{\"estimated_time_to_regain_access\":2}]}")
                .withBody("{\"error\":{\"message\":\"(#613) Calls to this api have exceeded the rate limit.\","
                        + "\"type\":\"OAuthException\",\"code\":613,\"fbtrace_id\":\"AbC\"}}")));
        TransientChannelException e = catchThrowableOfType(() -> client.post(ACCESS, "v26.0", "1234/messages",
                HubJson.mapper().createObjectNode(), "send"), TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
        assertThat(e.providerCode()).isEqualTo("613");
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void downloadsWithoutTheTokenWhereNoneIsGiven() throws Exception {
        graph.stubFor(get(urlEqualTo("/cdn/photo.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(new byte[] {1, 2, 3})));
        HttpResponse<InputStream> response = client.download(graph.baseUrl() + "/cdn/photo.jpg", null);
        try (InputStream in = response.body()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        graph.verify(getRequestedFor(urlEqualTo("/cdn/photo.jpg")).withHeader("Authorization", absent()));
    }

    @Test
    void downloadsWithTheTokenWhereMetaRequiresIt() {
        graph.stubFor(get(urlEqualTo("/media/1")).willReturn(aResponse().withStatus(200).withBody("x")));
        client.download(graph.baseUrl() + "/media/1", ACCESS);
        graph.verify(getRequestedFor(urlEqualTo("/media/1")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aFailedDownloadIsClassifiedLikeAnyCall() {
        graph.stubFor(get(urlEqualTo("/cdn/gone.jpg")).willReturn(aResponse().withStatus(404).withBody("gone")));
        PermanentChannelException e = catchThrowableOfType(
                () -> client.download(graph.baseUrl() + "/cdn/gone.jpg", null), PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void aDownloadUrlMustBeHttp() {
        assertThat(catchThrowableOfType(() -> client.download("file:///etc/passwd", null),
                PermanentChannelException.class).getMessage()).contains("not http(s)");
        assertThat(catchThrowableOfType(() -> client.download("http://a b", null),
                PermanentChannelException.class).getMessage()).contains("invalid");
    }

    @Test
    void aSlowAnswerIsTransient() {
        graph.stubFor(get(urlEqualTo("/v26.0/1234")).willReturn(okJson("{}").withFixedDelay(2_000)));
        ChannelException e = catchThrowableOfType(() -> client.get(ACCESS, "v26.0", "1234", "lookup"),
                ChannelException.class);
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.getMessage()).contains("500 ms");
    }

    /** The JDK's refusal quotes the header value; it must not travel on in message or cause. */
    @Test
    void aRefusedRequestFailsOnCredentialsWithoutQuotingThem() {
        GraphHttpClient refusing = new GraphHttpClient(
                new RefusingHttpClient("invalid header value for Authorization: Bearer " + TOKEN), client.config(),
                Clock.systemUTC(), "Test Graph API", TABLE);
        PermanentChannelException e = catchThrowableOfType(() -> refusing.get(ACCESS, "v26.0", "1234", "lookup"),
                PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isTrue();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(TOKEN);
    }
}
