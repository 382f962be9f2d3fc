package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.google.RbmStubs.ACCESS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.spi.MediaFetcher.FetchedMedia;
import io.channelhub.core.spi.MediaSource;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's file from its fileUri: without credentials, with the RBM token only where Google asks for it. */
class GoogleMediaFetcherTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    private GoogleConnector connector;

    @BeforeEach
    void setUp() {
        connector = RbmStubs.connector(google, Map.of());
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
    }

    private FetchedMedia fetch(String uri) {
        return connector.mediaFetcher().orElseThrow().fetch(new MediaSource(uri, "image/jpeg", "kenteken.jpg"),
                RbmStubs.tenant(google));
    }

    @Test
    void aPublicFileIsFetchedWithoutCredentials() throws Exception {
        google.stubFor(get(urlPathEqualTo("/file-7f3a9c")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg")
                .withHeader("Content-Length", String.valueOf(JPEG.length)).withBody(JPEG)));
        FetchedMedia media = fetch(google.baseUrl() + "/file-7f3a9c");
        try (InputStream in = media.content()) {
            assertThat(in.readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        assertThat(media.sizeBytes()).isEqualTo(JPEG.length);
        google.verify(getRequestedFor(urlPathEqualTo("/file-7f3a9c")).withHeader("Authorization", absent()));
    }

    @Test
    void whenGoogleAsksForCredentialsTheRbmTokenIsSentOnce() throws Exception {
        google.stubFor(get(urlPathEqualTo("/private")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(403)));
        google.stubFor(get(urlPathEqualTo("/private")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(JPEG)));
        try (InputStream in = fetch(google.baseUrl() + "/private").content()) {
            assertThat(in.readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(fetch(google.baseUrl() + "/private").mimeType()).isEqualTo("image/jpeg");
    }

    @Test
    void anotherHostNeverGetsTheToken() {
        elsewhere.stubFor(get(urlPathEqualTo("/file")).willReturn(aResponse().withStatus(403)));
        assertThat(catchThrowable(() -> fetch(elsewhere.baseUrl().replace("localhost", "127.0.0.1") + "/file")))
                .isInstanceOf(PermanentChannelException.class);
        elsewhere.verify(1, getRequestedFor(urlPathEqualTo("/file")));
        elsewhere.verify(1, getRequestedFor(urlPathEqualTo("/file")).withHeader("Authorization", absent()));
    }

    @Test
    void aGoneFileIsPermanentAndAFailingStoreTransient() {
        google.stubFor(get(urlPathEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
        google.stubFor(get(urlPathEqualTo("/busy")).willReturn(aResponse().withStatus(503)));
        assertThat(catchThrowable(() -> fetch(google.baseUrl() + "/gone"))).isInstanceOf(PermanentChannelException.class)
                .hasMessageContaining("gone");
        assertThat(catchThrowable(() -> fetch(google.baseUrl() + "/busy"))).isInstanceOf(TransientChannelException.class);
    }

    @Test
    void aReferenceThatIsNoHttpUrlIsRefused() {
        assertThat(catchThrowable(() -> fetch("file:///etc/passwd"))).isInstanceOf(PermanentChannelException.class);
        assertThat(catchThrowable(() -> fetch("not a uri"))).isInstanceOf(PermanentChannelException.class);
    }
}
