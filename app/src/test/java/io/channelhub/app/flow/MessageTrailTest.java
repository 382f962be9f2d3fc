package io.channelhub.app.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.channelhub.app.support.H2HubTest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** One search for a message's id in the log shows its whole way: received or accepted, sent, and back. */
@ExtendWith(OutputCaptureExtension.class)
class MessageTrailTest extends H2HubTest {
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @Test
    void aSubmittedMessagesWayIsOneSearchAway(CapturedOutput output) {
        tenantWithTestConnector("trail", "test", "acct-trail", "trail-secret");
        PROVIDER.stubFor(post(urlEqualTo("/acct-trail/messages")).willReturn(okJson("{\"id\":\"pm-trail-77\"}")));
        Matcher m = ID.matcher(send("POST", "/api/v1/tenants/trail/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}").body());
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("message " + id + " sent"));
        List<String> lines = output.getOut().lines().filter(l -> l.contains(id)).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("message " + id + " accepted: tenant trail"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("message " + id + " sent").contains("pm-trail-77"));
    }

    @Test
    void aReceivedMessageIsLoggedWithItsHubAndProviderIds(CapturedOutput output) {
        tenantWithTestConnector("trail-in", "test", "acct-trail-in", "trail-in-secret");
        assertThat(postTestWebhook("/webhooks/test/trail-in", "trail-in-secret", "{\"account\":\"acct-trail-in\","
                + "\"messages\":[{\"id\":\"pm-in-trail-1\",\"from\":\"+31612345678\",\"to\":\"+3120\","
                + "\"text\":\"hallo\"}]}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().lines().anyMatch(l ->
                l.contains(" received: tenant trail-in channel test provider id pm-in-trail-1")));
    }
}
