package io.channelhub.connector.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.ACCESS_TOKEN;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.TENANT;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.OutboundMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Graph error table: what the hub may retry, what fails for good, what marks credentials bad. */
class WhatsAppErrorClassificationTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v26.0/106540352242922/messages";

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", graph.baseUrl(), "timeout", "500ms")));
    }

    private ChannelException sendExpectingFailure() {
        OutboundMessage message = new OutboundMessage("hub-1", TENANT, "whatsapp", null,
                new Party("+31612345678", null), "c-1", TextContent.of("Hallo"), Category.CONVERSATIONAL,
                null, null, null, null, Map.of());
        ChannelException e = catchThrowableOfType(() -> connector.sender().send(message, tenant()),
                ChannelException.class);
        assertThat(e).as("send should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain(ACCESS_TOKEN).doesNotContain("Hallo");
        return e;
    }

    private static void answer(int status, String body) {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @ParameterizedTest(name = "{0} (HTTP {1}) -> {2} {3}")
    @CsvSource({
            "error-130429-throughput.json,       400, transient, rate_limited,           130429",
            "error-131056-pair-rate.json,        400, transient, rate_limited,           131056",
            "error-80007-waba-rate.json,         400, transient, rate_limited,           80007",
            "error-4-app-rate.json,              400, transient, rate_limited,           4",
            "error-2-service-unavailable.json,   503, transient, provider_unavailable,   2",
            "error-131000-something-wrong.json,  500, transient, provider_unavailable,   131000",
            "error-131047-reengagement.json,     400, permanent, outside_service_window, 131047",
            "error-131026-undeliverable.json,    400, permanent, not_reachable_on_channel, 131026",
            "error-100-invalid-param.json,       400, permanent, provider_rejected,      100",
            "error-132001-template-missing.json, 404, permanent, provider_rejected,      132001",
            "error-131048-spam-rate.json,        400, permanent, provider_rejected,      131048",
            "error-368-policy-block.json,        403, permanent, provider_rejected,      368",
            "error-10-permission.json,           403, permanent, provider_rejected,      10",
            "error-190-token.json,               401, permanent, authentication_failed,  190",
    })
    void graphErrorsAreClassifiedByCode(String fixture, int httpStatus, String kind, String reason, String code) {
        answer(httpStatus, WhatsAppFixtures.text("outbound/" + fixture));
        ChannelException e = sendExpectingFailure();
        assertThat(e).isInstanceOf("transient".equals(kind) ? TransientChannelException.class
                : PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(reason);
        assertThat(e.providerCode()).isEqualTo(code);
        assertThat(e.getMessage()).contains(code);
    }

    @Test
    void expiredTokenMarksCredentialsRejected() {
        answer(401, WhatsAppFixtures.text("outbound/error-190-token.json"));
        PermanentChannelException e = (PermanentChannelException) sendExpectingFailure();
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).contains("190/463");
    }

    @Test
    void reengagementIsNotACredentialsProblem() {
        answer(400, WhatsAppFixtures.text("outbound/error-131047-reengagement.json"));
        PermanentChannelException e = (PermanentChannelException) sendExpectingFailure();
        assertThat(e.credentialsRejected()).isFalse();
        assertThat(e.getMessage()).contains("more than 24 hours");
    }

    @Test
    void rateLimitCarriesRetryAfterWhenGiven() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30")
                .withBody(WhatsAppFixtures.text("outbound/error-130429-throughput.json"))));
        TransientChannelException e = (TransientChannelException) sendExpectingFailure();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterAsHttpDateIsRelativeToTheHubClock() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Fri, 20 Nov 2026 10:21:00 GMT")
                .withBody(WhatsAppFixtures.text("outbound/error-4-app-rate.json"))));
        TransientChannelException e = (TransientChannelException) sendExpectingFailure();
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
    }

    @Test
    void rateLimitWithoutRetryAfterHasNoHint() {
        answer(400, WhatsAppFixtures.text("outbound/error-131056-pair-rate.json"));
        assertThat(((TransientChannelException) sendExpectingFailure()).retryAfter()).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} without a Graph error -> {1}")
    @CsvSource({
            "500, provider_unavailable",
            "502, provider_unavailable",
            "503, provider_unavailable",
            "429, rate_limited",
            "401, authentication_failed",
            "400, provider_rejected",
            "404, provider_rejected",
    })
    void httpStatusDecidesWhenTheBodyIsNoGraphError(int status, String reason) {
        answer(status, "<html>upstream says no</html>");
        ChannelException e = sendExpectingFailure();
        assertThat(e.reasonCode()).isEqualTo(reason);
        assertThat(e.providerCode()).isNull();
        assertThat(e).isInstanceOf(status >= 500 || status == 429 ? TransientChannelException.class
                : PermanentChannelException.class);
    }

    @Test
    void unknownCodeFollowsTheHttpStatus() {
        answer(500, "{\"error\":{\"message\":\"new\",\"code\":999999}}");
        assertThat(sendExpectingFailure()).isInstanceOf(TransientChannelException.class);
        answer(400, "{\"error\":{\"message\":\"new\",\"code\":999999}}");
        ChannelException e = sendExpectingFailure();
        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(e.providerCode()).isEqualTo("999999");
    }

    @Test
    void tokenEchoedByTheProviderIsRedacted() {
        answer(400, "{\"error\":{\"message\":\"Malformed access token " + ACCESS_TOKEN + "\",\"code\":190}}");
        assertThat(sendExpectingFailure().getMessage()).contains("Malformed access token ***");
    }

    @Test
    void slowProviderTimesOutAsTransient() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(okJson(
                WhatsAppFixtures.text("outbound/send-accepted.json")).withFixedDelay(2_000)));
        ChannelException e = sendExpectingFailure();
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("500 ms");
    }

    @Test
    void droppedConnectionIsTransient() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(sendExpectingFailure()).isInstanceOf(TransientChannelException.class);
    }

    @Test
    void unreachableProviderIsTransient() {
        ChannelConnector offline = new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", "http://127.0.0.1:1", "timeout", "500ms")));
        connector = offline;
        ChannelException e = sendExpectingFailure();
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
    }

    @Test
    void failedStatusWebhookUsesTheSameTable() {
        assertThat(WhatsAppErrorClassifier.reasonCodeOf(131047)).isEqualTo(ReasonCodes.OUTSIDE_SERVICE_WINDOW);
        assertThat(WhatsAppErrorClassifier.reasonCodeOf(131026)).isEqualTo(ReasonCodes.NOT_REACHABLE_ON_CHANNEL);
        assertThat(WhatsAppErrorClassifier.reasonCodeOf(130429)).isEqualTo(ReasonCodes.RATE_LIMITED);
        assertThat(WhatsAppErrorClassifier.reasonCodeOf(190)).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        assertThat(WhatsAppErrorClassifier.reasonCodeOf(null)).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }
}
