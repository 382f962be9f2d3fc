package io.channelhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The overview over HTTP: health of broker and database, queue depths, last hour's traffic, attention. */
class ConsoleOverviewTest extends ConsoleSession {
    @Autowired
    ConnectorRepository connectors;
    @Autowired
    MessageRepository messages;

    private static long number(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(page);
        assertThat(m.find()).as("a number in #%s", id).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void theOverviewShowsHealthQueueDepthsAndTheLastHoursMessages() throws Exception {
        String before = get("/console").body();
        assertThat(before).containsPattern("id=\"health-broker\">UP<").containsPattern("id=\"health-database\">UP<");
        for (String queue : io.channelhub.routes.HubQueues.ALL) {
            number(before, "queue-" + queue);
        }
        long in = number(before, "messages-in-last-hour");
        createTenant("co-traffic", "Traffic");
        Instant now = Instant.now();
        messages.insert(new MessageRecord(UUID.randomUUID().toString(), 0, "co-traffic", "test", Direction.INBOUND,
                UUID.randomUUID().toString(), "+31612345678", "co-" + UUID.randomUUID(), DeliveryStatus.DELIVERED,
                null, "hi", null, 0, null, null, now, now));
        assertThat(number(get("/console").body(), "messages-in-last-hour")).isEqualTo(in + 1);
    }

    @Test
    void connectorsNeedingAttentionAreListedWithTheirTenant() throws Exception {
        tenantWithTestConnector("co-attention", "test", "co-attention-acct", "s");
        assertThat(get("/console").body()).doesNotContain("data-tenant=\"co-attention\"");
        connectors.setHealth("co-attention", "test", "degraded", "mail set aside");
        String page = get("/console").body();
        assertThat(page).contains("data-tenant=\"co-attention\" data-channel=\"test\"").contains("mail set aside");
    }
}
