package io.channelhub.connector.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.connector.meta.GraphError;
import io.channelhub.connector.meta.GraphThrottleHints;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Instagram's error table on the error bodies of its fixtures, by (code, subcode): what is retried, what fails
 * for good, what marks the token bad. (The round trip through the Graph client is the sender's and the end to
 * end tests'.)
 */
class InstagramErrorClassificationTest {

    private static ChannelException classify(int status, String fixture) {
        return InstagramErrorClassifier.TABLE.exception("Instagram Graph API", status,
                GraphError.parse(InstagramFixtures.text("outbound/" + fixture)), GraphThrottleHints.NONE, null);
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
    void errorsAreClassifiedByCodeAndSubcode(String fixture, int status, String kind, String reason, String code) {
        ChannelException e = classify(status, fixture);
        assertThat(e).isInstanceOf("transient".equals(kind) ? TransientChannelException.class
                : PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(reason);
        assertThat(e.providerCode()).isEqualTo(code);
        assertThat(e.getMessage()).startsWith("Instagram Graph API answered HTTP " + status + ", error " + code);
    }

    @Test
    void onlyTokenAndPermissionErrorsRejectTheCredentials() {
        assertThat(((PermanentChannelException) classify(401, "error-190-token-expired.json")).credentialsRejected())
                .isTrue();
        assertThat(((PermanentChannelException) classify(403, "error-200-permission.json")).credentialsRejected())
                .isTrue();
        assertThat(((PermanentChannelException) classify(400, "error-10-2534022-outside-window.json"))
                .credentialsRejected()).isFalse();
        assertThat(((PermanentChannelException) classify(400, "error-551-not-available.json"))
                .credentialsRejected()).isFalse();
    }

    @Test
    void theErrorMessageTextNeverDecides() {
        String renamed = "{\"error\":{\"message\":\"(#10) Requires permission\",\"code\":10,\"error_subcode\":2534022}}";
        assertThat(InstagramErrorClassifier.TABLE.exception("Instagram Graph API", 400, GraphError.parse(renamed),
                GraphThrottleHints.NONE, null).reasonCode()).isEqualTo("outside_service_window");
    }

    @Test
    void appRoleMissingUnderStandardAccessIsNotReachable() {
        assertThat(InstagramErrorClassifier.TABLE.reasonCodeOf(10, 2018108)).isEqualTo("not_reachable_on_channel");
        assertThat(InstagramErrorClassifier.TABLE.reasonCodeOf(10, 1893063)).isEqualTo("provider_rejected");
    }
}
