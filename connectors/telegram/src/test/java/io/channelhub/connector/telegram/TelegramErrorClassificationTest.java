package io.channelhub.connector.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.telegram.TelegramFixtures.BOT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each Bot API failure a send can meet, as the classified exception the hub acts on. */
class TelegramErrorClassificationTest {

    @RegisterExtension
    static WireMockExtension bot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SEND = "/bot" + BOT_TOKEN + "/sendMessage";

    private ChannelException sendAgainst(int status, String body) {
        bot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
        return catchThrowableOfType(() -> TelegramFixtures.connector(bot.baseUrl()).sender()
                .send(TelegramFixtures.outbound(TextContent.of("hoi")), TelegramFixtures.tenant()), ChannelException.class);
    }

    private ChannelException fixture(int status, String name) {
        return sendAgainst(status, TelegramFixtures.text("outbound/" + name));
    }

    @Test
    void throttlingIsTransientAndHonoursRetryAfter() {
        ChannelException e = fixture(429, "error-429-retry-after.json");
        assertThat(e).isInstanceOfSatisfying(TransientChannelException.class, t -> {
            assertThat(t.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
            assertThat(t.retryAfter()).contains(Duration.ofSeconds(17));
            assertThat(t.providerCode()).isEqualTo("429");
        });
    }

    @Test
    void aBlockedBotIsAnOptOut() {
        ChannelException e = fixture(403, "error-403-blocked.json");
        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.OPTED_OUT);
        assertThat(((PermanentChannelException) e).credentialsRejected()).isFalse();
    }

    @Test
    void aPersonWhoNeverStartedTheBotCannotBeReached() {
        assertThat(fixture(403, "error-403-cant-initiate.json").reasonCode())
                .isEqualTo(ReasonCodes.NOT_REACHABLE_ON_CHANNEL);
    }

    @Test
    void anyOther403IsAPermanentRejection() {
        ChannelException e = sendAgainst(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot is not a member of the channel chat\"}");
        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void anUnknownChatIsAnInvalidAddress() {
        ChannelException e = fixture(400, "error-400-chat-not-found.json");
        assertThat(e).isInstanceOf(PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
        assertThat(e.getMessage()).contains("chat not found");
    }

    @Test
    void otherBadRequestsArePermanentRejections() {
        assertThat(fixture(400, "error-400-wrong-file-url.json")).isInstanceOfSatisfying(PermanentChannelException.class,
                p -> assertThat(p.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED));
        assertThat(fixture(400, "error-400-reaction-invalid.json").reasonCode()).isEqualTo(ReasonCodes.INVALID_REQUEST);
    }

    @ParameterizedTest
    @CsvSource({"401, error-401-unauthorized.json", "404, error-404-not-found.json"})
    void aRefusedTokenMarksTheConnectorUnhealthy(int status, String name) {
        ChannelException e = fixture(status, name);
        assertThat(e).isInstanceOfSatisfying(PermanentChannelException.class, p -> {
            assertThat(p.credentialsRejected()).isTrue();
            assertThat(p.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        });
        assertThat(e.getMessage()).doesNotContain(BOT_TOKEN).doesNotContain(BOT_TOKEN.substring(11));
    }

    @Test
    void serverErrorsAreTransient() {
        assertThat(fixture(502, "error-502-bad-gateway.json")).isInstanceOfSatisfying(TransientChannelException.class,
                t -> assertThat(t.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE));
        // a proxy's HTML page instead of Telegram's JSON: the HTTP status decides
        assertThat(sendAgainst(503, "<html>Service Unavailable</html>")).isInstanceOf(TransientChannelException.class);
    }

    @Test
    void aDroppedConnectionIsTransientAndQuotesNoUrl() {
        bot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ChannelException e = catchThrowableOfType(() -> TelegramFixtures.connector(bot.baseUrl()).sender()
                .send(TelegramFixtures.outbound(TextContent.of("hoi")), TelegramFixtures.tenant()), ChannelException.class);
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.getMessage()).doesNotContain(BOT_TOKEN).doesNotContain("/bot");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void aTimeoutIsTransient() {
        bot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withFixedDelay(1500)
                .withBody(TelegramFixtures.text("outbound/send-message-ok.json"))));
        TelegramConnector slow = (TelegramConnector) new TelegramConnectorFactory().create(TelegramFixtures.environment(
                Map.of("base-url", bot.baseUrl(), "timeout", "300ms")));
        ChannelException e = catchThrowableOfType(() -> slow.sender().send(
                TelegramFixtures.outbound(TextContent.of("hoi")), TelegramFixtures.tenant()), ChannelException.class);
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.getMessage()).contains("did not answer").doesNotContain(BOT_TOKEN);
    }

    @Test
    void aTokenThatIsNoBotTokenIsRefusedWithoutACall() {
        ChannelException e = catchThrowableOfType(() -> TelegramFixtures.connector(bot.baseUrl()).sender().send(
                TelegramFixtures.outbound(TextContent.of("hoi")),
                TelegramFixtures.tenant(Map.of(), Map.of("botToken", "123:abc/../x?y"))), ChannelException.class);
        assertThat(e).isInstanceOfSatisfying(PermanentChannelException.class,
                p -> assertThat(p.credentialsRejected()).isTrue());
        assertThat(e.getMessage()).doesNotContain("abc/../x");
        assertThat(bot.getAllServeEvents()).isEmpty();
    }

    @Test
    void aDescriptionQuotingASecretIsRedacted() {
        ChannelException e = sendAgainst(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: "
                + BOT_TOKEN + " is odd\"}");
        assertThat(e.getMessage()).doesNotContain(BOT_TOKEN).contains("***");
    }
}
