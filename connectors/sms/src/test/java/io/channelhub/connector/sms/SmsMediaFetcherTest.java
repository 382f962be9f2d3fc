package io.channelhub.connector.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaFetcher.FetchedMedia;
import io.channelhub.core.spi.MediaSource;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmsMediaFetcherTest {
    private static final String MEDIA_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Messages/MM8e2f6a1b3c5d7e9f0a2b4c6d8e0f1a2b/Media/ME1f2e3d4c5b6a79880716253443526170";
    private static final MediaSource SOURCE =
            new MediaSource("https://api.twilio.com" + MEDIA_PATH, "image/jpeg", null);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};

    // Twilio's media answers carry a Content-Length; WireMock would stream chunked without this policy.
    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)).build();

    @RegisterExtension
    static WireMockExtension storage = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private MediaFetcher fetcher;

    @BeforeEach
    void setUp() {
        fetcher = SmsTestSupport.connector("http://localhost:" + twilio.getPort(), "2s").mediaFetcher().orElseThrow();
    }

    @Test
    void fetchesTwilioMediaWithBasicAuthFromTheConfiguredBaseUrl() throws Exception {
        twilio.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        FetchedMedia media = fetcher.fetch(SOURCE, SmsTestSupport.authTokenTenant());

        try (InputStream in = media.content()) {
            assertThat(in.readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        assertThat(media.sizeBytes()).isEqualTo(JPEG.length);
        twilio.verify(1, getRequestedFor(urlEqualTo(MEDIA_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN)));
    }

    @Test
    void followsTheRedirectToStorageWithoutSendingCredentialsThere() throws Exception {
        String signed = "/media/ME1f2e3d4c5b6a79880716253443526170?X-Amz-Signature=abc";
        twilio.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://localhost:" + storage.getPort() + signed)));
        storage.stubFor(get(urlEqualTo(signed)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        FetchedMedia media = fetcher.fetch(SOURCE, SmsTestSupport.authTokenTenant());

        try (InputStream in = media.content()) {
            assertThat(in.readAllBytes()).isEqualTo(JPEG);
        }
        twilio.verify(1, getRequestedFor(urlEqualTo(MEDIA_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN)));
        storage.verify(1, getRequestedFor(urlEqualTo(signed)).withHeader("Authorization", absent()));
    }

    @Test
    void usesTheAnnouncedTypeWhenTheAnswerHasNone() {
        twilio.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(200).withBody(JPEG)));
        assertThat(fetcher.fetch(SOURCE, SmsTestSupport.authTokenTenant()).mimeType()).isEqualTo("image/jpeg");
    }

    @Test
    void goneMediaIsPermanent() {
        twilio.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(404)));
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> fetcher.fetch(SOURCE, SmsTestSupport.authTokenTenant()));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void refusedCredentialsAreCredentialFailures() {
        twilio.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(401)));
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> fetcher.fetch(SOURCE, SmsTestSupport.authTokenTenant()));
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).doesNotContain(AUTH_TOKEN);
    }

    @Test
    void serverErrorsAreTransient() {
        twilio.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(502)));
        TransientChannelException e = catchThrowableOfType(TransientChannelException.class,
                () -> fetcher.fetch(SOURCE, SmsTestSupport.authTokenTenant()));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        twilio.verify(1, getRequestedFor(urlEqualTo(MEDIA_PATH)));
    }

    @Test
    void credentialsAreNeverSentToAHostThatIsNotTwilio() {
        MediaSource foreign = new MediaSource("https://evil.example.com/steal", "image/jpeg", null);
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> fetcher.fetch(foreign, SmsTestSupport.authTokenTenant()));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }
}
