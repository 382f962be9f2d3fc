package io.channelhub.connector.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.ACCESS_TOKEN;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaFetcher.FetchedMedia;
import io.channelhub.core.spi.MediaSource;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two-step media download, each step with the tenant's bearer token. */
class WhatsAppMediaFetcherTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MEDIA_ID = "1306893950859432";
    private static final String LOOKUP = "/v26.0/" + MEDIA_ID;
    private static final String DOWNLOAD = "/whatsapp_business/attachments/";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'};
    private static final MediaSource SOURCE = new MediaSource(MEDIA_ID, "image/jpeg", null);

    private MediaFetcher fetcher;

    @BeforeEach
    void setUp() {
        fetcher = new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", graph.baseUrl(), "timeout", "500ms"))).mediaFetcher().orElseThrow();
    }

    private static void stubLookup() {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(okJson(WhatsAppFixtures.text("outbound/media-url.json").replace("{{BASE}}", graph.baseUrl()))));
    }

    @Test
    void fetchesTheUrlThenTheBytesWithTheBearerTokenOnBoth() throws Exception {
        stubLookup();
        graph.stubFor(get(urlPathEqualTo(DOWNLOAD)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        FetchedMedia media = fetcher.fetch(SOURCE, tenant());
        try (InputStream in = media.content()) {
            assertThat(in.readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        assertThat(media.sizeBytes()).isEqualTo(303833L);
        graph.verify(1, getRequestedFor(urlPathEqualTo(LOOKUP))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        graph.verify(1, getRequestedFor(urlPathEqualTo(DOWNLOAD))
                .withQueryParam("mid", equalTo(MEDIA_ID))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
    }

    @Test
    void sizeFallsBackToContentLengthAndMimeToTheWebhook() throws Exception {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(okJson(
                "{\"url\":\"" + graph.baseUrl() + DOWNLOAD + "?mid=1\",\"id\":\"" + MEDIA_ID + "\"}")));
        graph.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", String.valueOf(JPEG.length)).withBody(JPEG)));
        FetchedMedia media = fetcher.fetch(SOURCE, tenant());
        media.content().close();
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        assertThat(media.sizeBytes()).isEqualTo(JPEG.length);
    }

    @Test
    void unknownOrExpiredMediaIdIsPermanent() {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(aResponse().withStatus(404)
                .withBody(WhatsAppFixtures.text("outbound/error-100-invalid-param.json"))));
        ChannelException e = catchThrowableOfType(() -> fetcher.fetch(SOURCE, tenant()), ChannelException.class);
        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void badRequestWithoutGraphErrorIsPermanent() {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> fetcher.fetch(SOURCE, tenant())).isInstanceOf(PermanentChannelException.class);
    }

    @Test
    void expiredTokenIsACredentialsProblem() {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(aResponse().withStatus(401)
                .withBody(WhatsAppFixtures.text("outbound/error-190-token.json"))));
        PermanentChannelException e = catchThrowableOfType(() -> fetcher.fetch(SOURCE, tenant()),
                PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).doesNotContain(ACCESS_TOKEN);
    }

    @Test
    void downloadServerErrorIsTransient() {
        stubLookup();
        graph.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(503)));
        ChannelException e = catchThrowableOfType(() -> fetcher.fetch(SOURCE, tenant()), ChannelException.class);
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
    }

    @Test
    void downloadForbiddenWithoutTokenIsACredentialsProblem() {
        stubLookup();
        graph.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(401)));
        assertThat(catchThrowableOfType(() -> fetcher.fetch(SOURCE, tenant()), PermanentChannelException.class)
                .credentialsRejected()).isTrue();
    }

    @Test
    void slowLookupTimesOutAsTransient() {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(okJson("{}").withFixedDelay(2_000)));
        assertThatThrownBy(() -> fetcher.fetch(SOURCE, tenant())).isInstanceOf(TransientChannelException.class);
    }

    @Test
    void lookupWithoutUrlIsPermanent() {
        graph.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(okJson("{\"id\":\"" + MEDIA_ID + "\"}")));
        assertThatThrownBy(() -> fetcher.fetch(SOURCE, tenant())).isInstanceOf(PermanentChannelException.class);
    }

    @Test
    void referenceThatIsNoMediaIdIsRefusedWithoutACall() {
        assertThatThrownBy(() -> fetcher.fetch(new MediaSource("../me?fields=x", null, null), tenant()))
                .isInstanceOf(PermanentChannelException.class);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }
}
