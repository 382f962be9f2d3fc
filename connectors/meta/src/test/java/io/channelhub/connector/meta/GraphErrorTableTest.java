package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification by (code, subcode), then code, then HTTP status; never by Meta's message text. */
class GraphErrorTableTest {

    private static final GraphErrorTable PLATFORM = GraphErrorTable.metaPlatform();
    private static final GraphErrorTable CHANNEL = PLATFORM
            .withSubcode(10, 2018278, GraphFailureKind.OUTSIDE_SERVICE_WINDOW)
            .with(GraphFailureKind.REJECTED, 10)
            .with(GraphFailureKind.NOT_REACHABLE, 551)
            .withHundreds(200, GraphFailureKind.CREDENTIALS);

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
            "4, RATE_LIMITED", "17, RATE_LIMITED", "32, RATE_LIMITED", "613, RATE_LIMITED",
            "80007, RATE_LIMITED", "130429, RATE_LIMITED",
            "1, UNAVAILABLE", "2, UNAVAILABLE",
            "190, CREDENTIALS", "0, CREDENTIALS",
            "100, REJECTED", "368, REJECTED",
    })
    void theCodesEveryGraphApiShares(int code, GraphFailureKind kind) {
        assertThat(PLATFORM.kindOf(code, null, 400)).isEqualTo(kind);
    }

    @Test
    void aSubcodeRuleComesBeforeItsCodeAndTheCodeBeforeItsHundred() {
        assertThat(CHANNEL.kindOf(10, 2018278, 400)).isEqualTo(GraphFailureKind.OUTSIDE_SERVICE_WINDOW);
        assertThat(CHANNEL.kindOf(10, 1893063, 400)).isEqualTo(GraphFailureKind.REJECTED);
        assertThat(CHANNEL.kindOf(10, null, 400)).isEqualTo(GraphFailureKind.REJECTED);
        assertThat(CHANNEL.kindOf(230, null, 400)).isEqualTo(GraphFailureKind.CREDENTIALS);
        assertThat(CHANNEL.kindOf(551, 1545041, 400)).isEqualTo(GraphFailureKind.NOT_REACHABLE);
        assertThat(PLATFORM.kindOf(230, null, 400)).as("the channel's rules do not leak into the platform's")
                .isEqualTo(GraphFailureKind.REJECTED);
    }

    @ParameterizedTest(name = "unknown code, HTTP {0} -> {1}")
    @CsvSource({"401, CREDENTIALS", "429, RATE_LIMITED", "408, UNAVAILABLE", "500, UNAVAILABLE", "503, UNAVAILABLE",
            "400, REJECTED", "403, REJECTED", "404, REJECTED"})
    void withoutAKnownCodeTheStatusDecides(int status, GraphFailureKind kind) {
        assertThat(CHANNEL.kindOf(999_999, null, status)).isEqualTo(kind);
        assertThat(CHANNEL.kindOf(null, null, status)).isEqualTo(kind);
    }

    @Test
    void exhaustedUsageMakesAnUnknownFailureAThrottle() {
        ChannelException e = CHANNEL.exception("Test Graph API", 400, Optional.empty(),
                new GraphThrottleHints(Duration.ofMinutes(3), true), null);
        assertThat(e).isInstanceOf(TransientChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
        assertThat(((TransientChannelException) e).retryAfter()).contains(Duration.ofMinutes(3));
        assertThat(CHANNEL.exception("Test Graph API", 400, error(100, null, "bad"),
                new GraphThrottleHints(null, true), null).reasonCode())
                .as("a known code still decides").isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    @Test
    void eachKindBecomesItsException() {
        assertThat(exception(2, null)).isInstanceOf(TransientChannelException.class)
                .extracting(ChannelException::reasonCode).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        assertThat(exception(613, null)).isInstanceOf(TransientChannelException.class)
                .extracting(ChannelException::reasonCode).isEqualTo(ReasonCodes.RATE_LIMITED);
        PermanentChannelException token = (PermanentChannelException) exception(190, 460);
        assertThat(token.credentialsRejected()).isTrue();
        assertThat(token.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        PermanentChannelException window = (PermanentChannelException) exception(10, 2018278);
        assertThat(window.reasonCode()).isEqualTo(ReasonCodes.OUTSIDE_SERVICE_WINDOW);
        assertThat(window.credentialsRejected()).isFalse();
        assertThat(exception(551, 1545041).reasonCode()).isEqualTo(ReasonCodes.NOT_REACHABLE_ON_CHANNEL);
        assertThat(exception(551, 1545041).providerCode()).isEqualTo("551");
    }

    @Test
    void theMessageNamesApiStatusCodeAndSubcodeWithoutTheToken() {
        GraphAccessToken token = GraphAccessToken.of("pageAccessToken", "EAAB-secret-value");
        ChannelException e = CHANNEL.exception("Messenger Graph API", 400,
                error(190, 463, "Session has expired; token EAAB-secret-value"), GraphThrottleHints.NONE, token);
        assertThat(e.getMessage()).startsWith("Messenger Graph API answered HTTP 400, error 190/463: ")
                .contains("token ***").doesNotContain("EAAB-secret-value");
    }

    @Test
    void aLongMessageIsCut() {
        ChannelException e = CHANNEL.exception("Test Graph API", 400, error(100, null, "x".repeat(1000)),
                GraphThrottleHints.NONE, null);
        assertThat(e.getMessage()).hasSize(301).endsWith("…");
    }

    @Test
    void webhookFailuresUseTheSameTable() {
        assertThat(CHANNEL.reasonCodeOf(10, 2018278)).isEqualTo(ReasonCodes.OUTSIDE_SERVICE_WINDOW);
        assertThat(CHANNEL.reasonCodeOf(null, null)).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
    }

    private static ChannelException exception(int code, Integer subcode) {
        return CHANNEL.exception("Test Graph API", 400, error(code, subcode, "text Meta may change"),
                GraphThrottleHints.NONE, null);
    }

    private static Optional<GraphError> error(int code, Integer subcode, String message) {
        return Optional.of(new GraphError(code, subcode, message, null));
    }
}
