package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphThrottleHintsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:20:00Z"), ZoneOffset.UTC);

    private static GraphThrottleHints hints(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return GraphThrottleHints.of(HttpHeaders.of(multi, (k, v) -> true), CLOCK);
    }

    @Test
    void noHeadersNoHint() {
        assertThat(hints(Map.of())).isEqualTo(GraphThrottleHints.NONE);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(hints(Map.of("Retry-After", "30")).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hints(Map.of("Retry-After", "Fri, 20 Nov 2026 10:21:00 GMT")).retryAfter())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(hints(Map.of("Retry-After", "Fri, 20 Nov 2026 10:00:00 GMT")).retryAfter())
                .as("a date in the past").isEqualTo(Duration.ZERO);
        assertThat(hints(Map.of("Retry-After", "soon")).retryAfter()).isNull();
    }

    @Test
    void businessUseCaseUsageSaysWhenAccessReturns() {
        GraphThrottleHints hints = hints(Map.of("X-Business-Use-Case-Usage",
                "{\"1234\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":12,\"total_time\":9,"
                        + "\"estimated_time_to_regain_access\":4},{\"type\":\"messenger\",\"call_count\":20,"
                        + "\"estimated_time_to_regain_access\":7}]}"));
        assertThat(hints.retryAfter()).isEqualTo(Duration.ofMinutes(7));
        assertThat(hints.usageExhausted()).isTrue();
    }

    @Test
    void retryAfterWinsOverTheUsageEstimate() {
        assertThat(hints(Map.of("Retry-After", "12", "X-Business-Use-Case-Usage",
                "{\"1\":[{\"estimated_time_to_regain_access\":9}]}")).retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void appOrPageUsageAtTheLimitIsExhausted() {
        assertThat(hints(Map.of("X-App-Usage", "{\"call_count\":100,\"total_cputime\":3,\"total_time\":4}"))
                .usageExhausted()).isTrue();
        assertThat(hints(Map.of("X-Page-Usage", "{\"call_count\":5,\"total_cputime\":101,\"total_time\":4}"))
                .usageExhausted()).isTrue();
        assertThat(hints(Map.of("X-App-Usage", "{\"call_count\":99,\"total_cputime\":3,\"total_time\":4}"))
                .usageExhausted()).isFalse();
    }

    @Test
    void garbledUsageHeadersGiveNoHint() {
        assertThat(hints(Map.of("X-App-Usage", "call_count=100", "X-Business-Use-Case-Usage", "[1,2]")))
                .isEqualTo(GraphThrottleHints.NONE);
    }
}
