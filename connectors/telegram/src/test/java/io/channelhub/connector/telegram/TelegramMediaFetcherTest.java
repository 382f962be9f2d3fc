package io.channelhub.connector.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.telegram.TelegramFixtures.BOT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getFile, then the download from the file server, against a fake Bot API. */
class TelegramMediaFetcherTest {

    @RegisterExtension
    static WireMockExtension bot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GET_FILE = "/bot" + BOT_TOKEN + "/getFile";
    private static final String FILE = "/file/bot" + BOT_TOKEN + "/photos/file_12.jpg";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    private static final MediaSource PHOTO = new MediaSource("AgACAgQAAxkBAAIBZ2dR-large", "image/jpeg", null);

    private MediaFetcher fetcher;

    @BeforeEach
    void setUp() {
        fetcher = TelegramFixtures.connector(bot.baseUrl()).mediaFetcher().orElseThrow();
        bot.stubFor(post(urlEqualTo(GET_FILE)).willReturn(okJson(TelegramFixtures.text("outbound/get-file.json"))));
    }

    @Test
    void theFileIsLookedUpThenDownloaded() throws Exception {
        bot.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withHeader("Content-Length", Integer.toString(JPEG.length))
                .withBody(JPEG)));
        MediaFetcher.FetchedMedia media = fetcher.fetch(PHOTO, TelegramFixtures.tenant());
        try (InputStream in = media.content()) {
            assertThat(in.readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        assertThat(media.sizeBytes()).isEqualTo(JPEG.length);
        bot.verify(postRequestedFor(urlEqualTo(GET_FILE))
                .withRequestBody(equalToJson("{\"file_id\": \"AgACAgQAAxkBAAIBZ2dR-large\"}")));
    }

    @Test
    void aGenericTypeFromTheFileServerGivesWayToTheAnnouncedOne() throws Exception {
        bot.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(JPEG)));
        MediaFetcher.FetchedMedia media = fetcher.fetch(PHOTO, TelegramFixtures.tenant());
        media.content().close();
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        // no Content-Length (chunked): getFile's file_size stands in
        assertThat(media.sizeBytes()).isEqualTo(98122L);
    }

    @Test
    void aFileTooLargeForBotsIsAPermanentFailure() {
        bot.stubFor(post(urlEqualTo(GET_FILE)).willReturn(okJson(TelegramFixtures.text("outbound/get-file-too-big.json"))));
        PermanentChannelException e = catchThrowableOfType(() -> fetcher.fetch(PHOTO, TelegramFixtures.tenant()),
                PermanentChannelException.class);
        assertThat(e.getMessage()).contains("20 MB");
    }

    @Test
    void anExpiredFilePathIsPermanent() {
        bot.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(404)));
        PermanentChannelException e = catchThrowableOfType(() -> fetcher.fetch(PHOTO, TelegramFixtures.tenant()),
                PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isFalse();
        assertThat(e.getMessage()).doesNotContain(BOT_TOKEN);
    }

    @Test
    void aFileServerErrorIsTransient() {
        bot.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withStatus(503)));
        assertThat(catchThrowableOfType(() -> fetcher.fetch(PHOTO, TelegramFixtures.tenant()), ChannelException.class))
                .isInstanceOf(TransientChannelException.class);
    }

    @Test
    void aRefusedTokenAtGetFileIsACredentialFailure() {
        bot.stubFor(post(urlEqualTo(GET_FILE)).willReturn(aResponse().withStatus(401)
                .withBody(TelegramFixtures.text("outbound/error-401-unauthorized.json"))));
        PermanentChannelException e = catchThrowableOfType(() -> fetcher.fetch(PHOTO, TelegramFixtures.tenant()),
                PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isTrue();
    }

    @Test
    void aFilePathThatLeavesTheFileTreeIsRefused() {
        bot.stubFor(post(urlEqualTo(GET_FILE)).willReturn(okJson(
                "{\"ok\": true, \"result\": {\"file_id\": \"x\", \"file_path\": \"../../bot/getMe\"}}")));
        assertThat(catchThrowableOfType(() -> fetcher.fetch(PHOTO, TelegramFixtures.tenant()),
                PermanentChannelException.class)).isNotNull();
        assertThat(bot.getAllServeEvents()).hasSize(1);
    }
}
