package io.channelhub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.support.H2HubTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The README's {@code curl …/actuator/prometheus | grep hub_} shows the hub's meters before anything happened.
 * (Spring Boot's tests switch metric export off unless asked for it, as here.)
 */
@AutoConfigureObservability(tracing = false)
class HubMetersTest extends H2HubTest {

    @Test
    void theHubsMetersAreScrapedAtZeroForEveryChannelBeforeAnythingHappened() {
        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null, null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("hub_dispatch_retried_total{channel=\"whatsapp\"}")
                .contains("hub_dispatch_retried_total{channel=\"sms\"}")
                .contains("hub_dispatch_retried_total{channel=\"email\"}")
                .contains("hub_dispatch_deferred_total{reason=\"circuit_open\"}")
                .contains("hub_polling_set_aside_total{channel=\"email\"}")
                .contains("hub_status_unmatched_total{channel=\"sms\"}")
                .contains("hub_webhooks_rejected_total{channel=\"whatsapp\",reason=\"signature\"}")
                .contains("hub_webhooks_dropped_total{channel=\"sms\",reason=\"connector_disabled\"}")
                .doesNotContain("hub_polling_set_aside_total{channel=\"whatsapp\"}");
    }
}
