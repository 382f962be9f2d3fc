package io.channelhub.connector.messenger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.MediaFetcher.FetchedMedia;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.MessageTag;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the connector says it is, its configuration, its credential check and its media downloads. */
class MessengerConnectorTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MessengerConnector connector = (MessengerConnector) new MessengerConnectorFactory()
            .create(MessengerFixtures.environment(Map.of("base-url", graph.baseUrl())));

    @Test
    void describesMessengerWithTheContractsKeys() {
        ChannelDescriptor d = connector.descriptor();
        assertThat(d.id()).isEqualTo("messenger");
        assertThat(d.addressFormat()).isEqualTo(ChannelDescriptor.AddressFormat.OPAQUE);
        assertThat(d.settingKeys()).containsExactly("pageId", "apiVersion");
        assertThat(d.secretKeys()).containsExactly("pageAccessToken", "appSecret", "verifyToken");
        assertThat(d.routing()).contains("pageId");
        assertThat(d.window()).contains(Duration.ofHours(24));
        assertThat(d.windowExemptContent()).as("only a message tag leaves the window").isEmpty();
        assertThat(d.outboundContent()).doesNotContain(ContentType.TEMPLATE);
        assertThat(d.messageTags()).extracting(MessageTag::name).containsExactly("HUMAN_AGENT", "ACCOUNT_UPDATE",
                "POST_PURCHASE_UPDATE", "CONFIRMED_EVENT_UPDATE");
        assertThat(d.messageTag("HUMAN_AGENT")).contains(new MessageTag("HUMAN_AGENT", Duration.ofDays(7), true));
        assertThat(d.messageTag("ISSUE_RESOLUTION")).as("dropped by Meta in 2020").isEmpty();
    }

    @Test
    void hubConfigurationDefaultsToMetasGraph() {
        MessengerConnector defaults = (MessengerConnector) new MessengerConnectorFactory()
                .create(MessengerFixtures.environment(Map.of()));
        assertThat(defaults.graphApi().baseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(defaults.graphApi().apiVersion()).isEqualTo("v26.0");
    }

    @Test
    void settingsNeverPrintTheToken() {
        MessengerSettings settings = MessengerSettings.of(MessengerFixtures.tenant(), "v26.0");
        assertThat(settings.toString()).doesNotContain(MessengerFixtures.PAGE_TOKEN).contains("***");
    }

    @Test
    void unusableSettingsAreConfigurationProblems() {
        List<String> problems = connector.configurationProblems(MessengerFixtures.tenant(
                Map.of("pageId", "1049/../me", "apiVersion", "26"), Map.of("pageAccessToken", "EAAG\r\nx")));
        assertThat(problems).hasSize(3).noneMatch(p -> p.contains("EAAG"));
        assertThat(connector.configurationProblems(MessengerFixtures.tenant())).isEmpty();
    }

    @Test
    void theCredentialCheckShowsThePageName() {
        graph.stubFor(get(urlEqualTo("/v26.0/" + MessengerFixtures.PAGE_ID + "?fields=id,name"))
                .withHeader("Authorization", equalTo("Bearer " + MessengerFixtures.PAGE_TOKEN))
                .willReturn(okJson(MessengerFixtures.text("outbound/page.json"))));
        CredentialCheck check = connector.checkCredentials(MessengerFixtures.tenant());
        assertThat(check.outcome()).isEqualTo(CredentialCheck.Outcome.OK);
        assertThat(check.detail()).contains("'Autobedrijf De Vries' (" + MessengerFixtures.PAGE_ID + ")");
    }

    @Test
    void anExpiredTokenIsRejectedAndAnOutageUnreachable() {
        graph.stubFor(get(urlEqualTo("/v26.0/" + MessengerFixtures.PAGE_ID + "?fields=id,name"))
                .willReturn(aResponse().withStatus(401)
                        .withBody(MessengerFixtures.text("outbound/error-190-token-expired.json"))));
        CredentialCheck rejected = connector.checkCredentials(MessengerFixtures.tenant());
        assertThat(rejected.outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(rejected.detail()).contains("190/463").doesNotContain(MessengerFixtures.PAGE_TOKEN);
        graph.stubFor(get(urlEqualTo("/v26.0/" + MessengerFixtures.PAGE_ID + "?fields=id,name"))
                .willReturn(aResponse().withStatus(503)));
        assertThat(connector.checkCredentials(MessengerFixtures.tenant()).outcome())
                .isEqualTo(CredentialCheck.Outcome.UNREACHABLE);
    }

    @Test
    void anAttachmentIsDownloadedFromItsCdnUrlWithoutTheToken() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        graph.stubFor(get(urlEqualTo("/v/t1.15752-9/photo-1.jpg?oh=abc")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withHeader("Content-Length", String.valueOf(jpeg.length))
                .withBody(jpeg)));
        FetchedMedia media = connector.mediaFetcher().orElseThrow().fetch(
                new MediaSource(graph.baseUrl() + "/v/t1.15752-9/photo-1.jpg?oh=abc", null, null),
                MessengerFixtures.tenant());
        try (InputStream in = media.content()) {
            assertThat(in.readAllBytes()).isEqualTo(jpeg);
        }
        assertThat(media.mimeType()).isEqualTo("image/jpeg");
        assertThat(media.sizeBytes()).isEqualTo(jpeg.length);
        graph.verify(getRequestedFor(urlEqualTo("/v/t1.15752-9/photo-1.jpg?oh=abc")).withHeader("Authorization", absent()));
    }

    @Test
    void anExpiredAttachmentUrlFailsForGood() {
        graph.stubFor(get(urlEqualTo("/v/gone.jpg")).willReturn(aResponse().withStatus(403).withBody("URL signature expired")));
        PermanentChannelException e = catchThrowableOfType(() -> connector.mediaFetcher().orElseThrow().fetch(
                new MediaSource(graph.baseUrl() + "/v/gone.jpg", null, null), MessengerFixtures.tenant()),
                PermanentChannelException.class);
        assertThat(e).isNotNull();
        assertThat(catchThrowableOfType(() -> connector.mediaFetcher().orElseThrow().fetch(
                new MediaSource(" ", null, null), MessengerFixtures.tenant()), PermanentChannelException.class))
                .isNotNull();
    }
}
