package io.channelhub.connector.whatsapp;

import static io.channelhub.connector.whatsapp.WhatsAppFixtures.inbound;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status webhooks of messages the hub sent, normalized field by field. */
class WhatsAppStatusUpdateTest {

    private static final String SENT_ID = "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI1QjI0RDk0QkM3RjgxNjM4QjQA";
    private static final String HUB_ID = "0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00";

    private final WhatsAppInboundNormalizer normalizer = new WhatsAppInboundNormalizer();

    private StatusUpdate single(String fixture) {
        List<InboundEvent> events = normalizer.normalize(inbound(fixture));
        assertThat(events).hasSize(1).first().isInstanceOf(StatusUpdate.class);
        return (StatusUpdate) events.get(0);
    }

    private static Instant at(int offsetSeconds) {
        return Instant.parse("2026-11-20T10:15:30Z").plusSeconds(offsetSeconds);
    }

    @Test
    void sent() {
        assertThat(single("status-sent.json"))
                .isEqualTo(new StatusUpdate(SENT_ID, HUB_ID, DeliveryStatus.SENT, null, at(101)));
    }

    @Test
    void delivered() {
        assertThat(single("status-delivered.json"))
                .isEqualTo(new StatusUpdate(SENT_ID, HUB_ID, DeliveryStatus.DELIVERED, null, at(102)));
    }

    @Test
    void read() {
        assertThat(single("status-read.json"))
                .isEqualTo(new StatusUpdate(SENT_ID, HUB_ID, DeliveryStatus.READ, null, at(103)));
    }

    @Test
    void readWithoutPriorDeliveredIsStillRead() {
        // Meta may skip "delivered" when delivery and read coincide; the hub's statuses only move forward.
        StatusUpdate update = single("status-read-without-delivered.json");
        assertThat(update).isEqualTo(new StatusUpdate("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBJBMkIzQzRENUU2RjcwODE5MkEA",
                null, DeliveryStatus.READ, null, at(104)));
        assertThat(update.status().advancesFrom(DeliveryStatus.SENT)).isTrue();
    }

    @Test
    void failedOutsideTheWindowCarriesTheMappedReason() {
        assertThat(single("status-failed-reengagement.json")).isEqualTo(new StatusUpdate(SENT_ID, HUB_ID,
                DeliveryStatus.FAILED,
                new Reason(ReasonCodes.OUTSIDE_SERVICE_WINDOW, "Re-engagement message", "131047", false), at(105)));
    }

    @Test
    void failedUndeliverableIsProviderRejected() {
        assertThat(single("status-failed-undeliverable.json")).isEqualTo(new StatusUpdate(SENT_ID, null,
                DeliveryStatus.FAILED,
                new Reason(ReasonCodes.NOT_REACHABLE_ON_CHANNEL, "Message undeliverable", "131026", false), at(106)));
    }

    @Test
    void failedWithoutErrorsStillHasAReason() {
        String body = WhatsAppFixtures.text("inbound/status-failed-undeliverable.json")
                .replaceAll("(?s),\\s*\"errors\": \\[.*?\\]\\s*\\}\\s*\\]", "}]");
        List<InboundEvent> events = normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8)));
        StatusUpdate update = (StatusUpdate) events.get(0);
        assertThat(update.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(update.reason().code()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(update.reason().retryable()).isFalse();
    }

    @Test
    void playedVoiceMessageCountsAsRead() {
        String body = WhatsAppFixtures.text("inbound/status-read.json").replace("\"read\"", "\"played\"");
        StatusUpdate update = (StatusUpdate) normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(update.status()).isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void unknownStatusValuesAreSkipped() {
        String body = WhatsAppFixtures.text("inbound/status-read.json").replace("\"read\"", "\"deleted\"");
        assertThat(normalizer.normalize(payload(body.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }
}
