package io.channelhub.connector.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instagram's send errors, by (code, subcode): what is retried, what fails for good, what marks the token bad. */
class InstagramErrorClassificationTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/ig/v26.0/" + InstagramFixtures.ACCOUNT_ID + "/messages";

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = new InstagramConnectorFactory().create(InstagramFixtures.environment(graph.baseUrl(),
                Map.of("timeout", "500ms")));
    }

    private ChannelException sendAgainst(int status, String fixture) {
        graph.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(InstagramFixtures.text("outbound/" + fixture))));
        ChannelException e = catchThrowableOfType(() -> connector.sender().send(
                InstagramFixtures.outbound(TextContent.of("Hello"), null), InstagramFixtures.tenant()),
                ChannelException.class);
        assertThat(e).as("send should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain(InstagramFixtures.TOKEN).doesNotContain("Hello");
        return e;
    }

    @ParameterizedTest(name = "{0} (HTTP {1}) -> {2} {3}")
    @CsvSource({
            "error-10-2534022-outside-window.json, 400, permanent, outside_service_window,   10",
            "error-10-2018278-outside-window.json, 400, permanent, outside_service_window,   10",
            "error-551-not-available.json,         400, permanent, not_reachable_on_channel, 551",
            "error-100-no-matching-user.json,      400, permanent, provider_rejected,        100",
            "error-1200-temporary-send.json,       500, transient, provider_unavailable,     1200",
            "error-613-rate.json,                  400, transient, rate_limited,             613",
            "error-4-app-rate.json,                400, transient, rate_limited,             4",
            "error-190-token-expired.json,         401, permanent, authentication_failed,    190",
            "error-200-permission.json,            403, permanent, authentication_failed,    200",
    })
    void sendErrorsAreClassifiedByCodeAndSubcode(String fixture, int status, String kind, String reason,
                                                 String code) {
        ChannelException e = sendAgainst(status, fixture);
        assertThat(e).isInstanceOf("transient".equals(kind) ? TransientChannelException.class
                : PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(reason);
        assertThat(e.providerCode()).isEqualTo(code);
        assertThat(e.getMessage()).startsWith("Instagram Graph API answered HTTP " + status + ", error " + code);
    }

    @Test
    void tokenAndPermissionErrorsMarkTheConnectorUnhealthyOthersDoNot() {
        assertThat(((PermanentChannelException) sendAgainst(401, "error-190-token-expired.json"))
                .credentialsRejected()).isTrue();
        assertThat(((PermanentChannelException) sendAgainst(403, "error-200-permission.json"))
                .credentialsRejected()).isTrue();
        assertThat(((PermanentChannelException) sendAgainst(400, "error-10-2534022-outside-window.json"))
                .credentialsRejected()).isFalse();
    }

    @Test
    void appRoleMissingUnderStandardAccessIsNotReachable() {
        assertThat(InstagramErrorClassifier.TABLE.reasonCodeOf(10, 2018108)).isEqualTo("not_reachable_on_channel");
        assertThat(InstagramErrorClassifier.TABLE.reasonCodeOf(10, 1893063)).isEqualTo("provider_rejected");
    }
}
