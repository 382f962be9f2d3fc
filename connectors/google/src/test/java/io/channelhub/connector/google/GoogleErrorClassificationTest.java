package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.channelhub.connector.google.GoogleFixtures.HUB_ID;
import static io.channelhub.connector.google.RbmStubs.ACCESS_TOKEN;
import static io.channelhub.connector.google.RbmStubs.AGENT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.SendResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each RBM answer at send means for the hub: permanent, credentials, or transient with a hint. */
class GoogleErrorClassificationTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private GoogleConnector connector;

    @BeforeEach
    void setUp() {
        connector = RbmStubs.connector(google, Map.of());
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
    }

    private Throwable sendFails() {
        return catchThrowable(() -> send());
    }

    private SendResult send() {
        return connector.sender().send(GoogleOutboundSenderTest.message(TextContent.of("Hallo")),
                RbmStubs.tenant(google));
    }

    @Test
    void notFoundMeansTheNumberCannotBeReachedOverRcs() {
        RbmStubs.agentMessagesAnswer(google, 404, "error-404-not-found.json");
        assertThat(sendFails()).isInstanceOfSatisfying(PermanentChannelException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo("not_reachable_on_channel");
            assertThat(e.providerCode()).isEqualTo("NOT_FOUND");
            assertThat(e.credentialsRejected()).isFalse();
        });
    }

    @Test
    void invalidArgumentIsPermanentAndNamesTheFieldGoogleNames() {
        RbmStubs.agentMessagesAnswer(google, 400, "error-400-invalid-argument.json");
        assertThat(sendFails()).isInstanceOfSatisfying(PermanentChannelException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
            assertThat(e.providerCode()).isEqualTo("INVALID_ARGUMENT");
            assertThat(e.getMessage()).contains("field agent_message.content_message.suggestions[0].reply.text");
        });
    }

    @Test
    void unauthenticatedAndPermissionDeniedAreCredentialFailures() {
        for (String fixture : new String[] {"error-401-unauthenticated.json", "error-403-permission-denied.json"}) {
            RbmStubs.agentMessagesAnswer(google, fixture.contains("401") ? 401 : 403, fixture);
            assertThat(sendFails()).as(fixture).isInstanceOfSatisfying(PermanentChannelException.class, e -> {
                assertThat(e.credentialsRejected()).isTrue();
                assertThat(e.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
                assertThat(e.getMessage()).doesNotContain(ACCESS_TOKEN);
            });
        }
    }

    @Test
    void resourceExhaustedIsRateLimitedWithGooglesRetryAfter() {
        google.stubFor(post(urlPathEqualTo(AGENT_MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody(GoogleFixtures.text("outbound/error-429-resource-exhausted.json"))));
        assertThat(sendFails()).isInstanceOfSatisfying(TransientChannelException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.providerCode()).isEqualTo("RESOURCE_EXHAUSTED");
        });
    }

    @Test
    void serverErrorsAreTransient() {
        RbmStubs.agentMessagesAnswer(google, 503, "error-503-unavailable.json");
        assertThat(sendFails()).isInstanceOfSatisfying(TransientChannelException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
            assertThat(e.retryAfter()).isEmpty();
        });
    }

    @Test
    void aRetryAfterATimeoutReusesTheMessageIdAndAlreadyExistsMeansSent() {
        google.stubFor(post(urlPathEqualTo(AGENT_MESSAGES)).inScenario("lost answer").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500)
                        .withBody(GoogleFixtures.text("outbound/agent-message-created.json")))
                .willSetStateTo("delivered"));
        google.stubFor(post(urlPathEqualTo(AGENT_MESSAGES)).inScenario("lost answer").whenScenarioStateIs("delivered")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody(GoogleFixtures.text("outbound/error-409-already-exists.json"))));

        assertThat(sendFails()).isInstanceOfSatisfying(TransientChannelException.class,
                e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE));
        assertThat(send()).isEqualTo(SendResult.of(HUB_ID));
        google.verify(2, postRequestedFor(urlPathEqualTo(AGENT_MESSAGES)).withQueryParam("messageId", equalTo(HUB_ID)));
    }

    @Test
    void anUnreachableApiIsTransient() {
        GoogleConnector nowhere = RbmStubs.connector(google, Map.of("base-url", "http://127.0.0.1:9"));
        assertThat(catchThrowable(() -> nowhere.sender().send(GoogleOutboundSenderTest.message(TextContent.of("x")),
                RbmStubs.tenant(google)))).isInstanceOf(TransientChannelException.class);
    }
}
