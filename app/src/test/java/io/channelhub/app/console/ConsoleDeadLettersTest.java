package io.channelhub.app.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.app.persistence.DeadLetterRepository;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's dead letters over HTTP, signed in as ops: the filters narrow the list, a letter's page shows its
 * payload with signature headers and secrets redacted, replay of one moves its message on, and replay of a
 * selection confirms the count first and then replays exactly those letters.
 */
class ConsoleDeadLettersTest extends H2HubTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ROW_ID = Pattern.compile(
            "data-test=\"dead-letter-row\" data-dead-letter-id=\"([^\"]+)\"");
    @Autowired
    DeadLetterRepository deadLetters;
    @Autowired
    MessageRepository messages;
    private HttpClient browser;
    private String tenant;
    private String account;
    private String secret;

    @BeforeEach
    void signedIn() throws Exception {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        tenant = "console-d-" + UUID.randomUUID().toString().substring(0, 8);
        account = "acct-" + tenant;
        secret = "signing-secret-" + tenant;
        String form = get("/console/sign-in").body();
        assertThat(post("/console/sign-in", "_csrf=" + csrf(form) + "&token=" + OPS).statusCode()).isEqualTo(302);
    }

    @Test
    void eachFilterNarrowsTheList() throws Exception {
        Instant now = Instant.now();
        String a = bury(tenant, "test", "normalization_failed", now.minus(Duration.ofMinutes(10)), "a");
        String b = bury(tenant, "test", "retries_exhausted", now.minus(Duration.ofHours(3)), "b");
        String c = bury(tenant, "sms", "retries_exhausted", now.minus(Duration.ofDays(3)), "c");
        String other = bury(tenant + "-x", "test", "normalization_failed", now.minus(Duration.ofMinutes(5)), "x");

        assertThat(ids("tenant=" + tenant)).containsExactly(a, b, c);
        assertThat(ids("tenant=" + tenant + "&channel=sms")).containsExactly(c);
        assertThat(ids("tenant=" + tenant + "&reason=retries_exhausted")).containsExactly(b, c);
        assertThat(ids("tenant=" + tenant + "&olderThan=1h")).containsExactly(b, c);
        assertThat(ids("tenant=" + tenant + "&olderThan=1d")).containsExactly(c);
        assertThat(ids("tenant=" + tenant + "&newerThan=1h")).containsExactly(a);
        assertThat(ids("tenant=" + tenant + "&newerThan=1d&olderThan=1h")).containsExactly(b);
        assertThat(ids("reason=normalization_failed&newerThan=1h")).contains(a, other).doesNotContain(b, c);
        assertThat(get("/console/dead-letters?tenant=" + tenant + "&olderThan=soon").body())
                .contains("Older than takes an age");
    }

    @Test
    void aLettersPageShowsItsPayloadPrettyPrintedWithSignaturesAndSecretsRedacted() throws Exception {
        tenantWithTestConnector(tenant, "test", account, secret);
        String body = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"pm-redact\",\"text\":\"echo "
                + secret + "\"}],\"auth\":{\"token\":\"bot-token-123456789\"}}";
        Map<String, Object> properties = Map.of("tenantId", tenant, "channel", "test", "receivedAt",
                Instant.now().toString(), "hubHeaders", HubJson.mapper().writeValueAsString(Map.of(
                        "Content-Type", "application/json",
                        "X-Hub-Signature-256", "sha256=5ec2e7f0aa11deadbeef",
                        "X-Twilio-Signature", "twilio-sig-0123456789",
                        "X-Goog-Signature", "goog-sig-0123456789",
                        "X-Telegram-Bot-Api-Secret-Token", "telegram-secret-0123456789")));
        String id = UUID.randomUUID().toString();
        deadLetters.insert(new DeadLetter(id, tenant, "test", "hub.intake", "normalization_failed",
                "failed with " + secret, 1, body, "utf8", properties, null, Instant.now(), null));

        String page = get("/console/dead-letters/" + id).body();
        assertThat(page).contains("X-Hub-Signature-256").contains("X-Twilio-Signature").contains("X-Goog-Signature")
                .contains("X-Telegram-Bot-Api-Secret-Token").contains("application/json")
                .contains("*** (redacted)")
                .doesNotContain("5ec2e7f0aa11deadbeef").doesNotContain("twilio-sig-0123456789")
                .doesNotContain("goog-sig-0123456789").doesNotContain("telegram-secret-0123456789")
                .doesNotContain("bot-token-123456789").doesNotContain(secret);
        String payload = text(between(page, "data-test=\"payload\">", "</pre>"));
        assertThat(payload).contains("\n  \"account\" : \"" + account + "\"").contains("pm-redact")
                .contains("echo ***");
        assertThat(page).contains("data-test=\"replay\"");
    }

    @Test
    void replayingOneLetterShowsItReplayedAndItsMessageMovesOn() throws Exception {
        tenantWithTestConnector(tenant, "test", account, secret);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"prov-ok\"}")));
        StubMapping outage = PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31619990000")))
                .willReturn(aResponse().withStatus(503)));
        HttpResponse<String> submitted = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM,
                "{\"channel\":\"test\",\"to\":\"+31619990000\",\"content\":{\"type\":\"text\",\"text\":\"again\"},"
                        + "\"metadata\":{\"orderId\":\"A-7\",\"apiKey\":\"key-0123456789\"}}");
        String messageId = HubJson.mapper().readTree(submitted.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters.list(tenant, null, 10).isEmpty());
        DeadLetter letter = deadLetters.list(tenant, null, 10).get(0);
        assertThat(letter.messageId()).isEqualTo(messageId);
        await().atMost(Duration.ofSeconds(5)).until(() -> messages.find(messageId).orElseThrow().status()
                == DeliveryStatus.FAILED);

        String before = get("/console/dead-letters/" + letter.id()).body();
        assertThat(before).doesNotContain("data-test=\"replay-outcome\"").contains("data-test=\"replay\"");
        assertThat(post("/console/dead-letters/" + letter.id() + "/replay", "").statusCode())
                .as("no replay without the form's CSRF token").isEqualTo(403);
        assertThat(deadLetters.find(letter.id()).orElseThrow().replayedAt()).isNull();

        PROVIDER.removeStub(outage);
        HttpResponse<String> replayed = post("/console/dead-letters/" + letter.id() + "/replay",
                "_csrf=" + csrf(before));
        assertThat(replayed.statusCode()).isEqualTo(302);
        assertThat(replayed.headers().firstValue("Location").orElseThrow()).endsWith("/console/dead-letters/"
                + letter.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> messages.find(messageId).orElseThrow().status()
                == DeliveryStatus.SENT);

        String after = get("/console/dead-letters/" + letter.id()).body();
        assertThat(after).contains("data-test=\"replay-outcome\"").contains("data-test=\"replayed-at\"")
                .contains("href=\"/console/messages/" + messageId + "\"")
                .contains("data-test=\"replayed-message-status\">sent</span>")
                .doesNotContain("data-test=\"replay\"");
        String message = get("/console/messages/" + messageId).body();
        assertThat(message).contains("data-test=\"message-round\">1<").contains("A-7")
                .doesNotContain("key-0123456789");
        assertThat(statuses(message)).containsExactly("accepted", "failed", "sent");

        HttpResponse<String> again = post("/console/dead-letters/" + letter.id() + "/replay", "_csrf=" + csrf(after));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(get("/console/dead-letters/" + letter.id()).body()).contains("replayed already");
    }

    @Test
    void replayingASelectionShowsTheCountFirstAndReplaysExactlyThose() throws Exception {
        tenantWithTestConnector(tenant, "test", account, secret);
        Instant now = Instant.now();
        String first = buryPayload("pm-sel-1", "console_selected", now.minusSeconds(30));
        String second = buryPayload("pm-sel-2", "console_selected", now.minusSeconds(20));
        String left = buryPayload("pm-sel-3", "console_other", now.minusSeconds(10));
        String alreadyReplayed = buryPayload("pm-sel-4", "console_selected", now.minusSeconds(5));
        deadLetters.markReplayed(alreadyReplayed, now);

        String list = get("/console/dead-letters?tenant=" + tenant + "&reason=console_selected").body();
        assertThat(ids(list)).containsExactly(alreadyReplayed, second, first);
        String confirm = get(link(list, "replay-selection")).body();
        assertThat(confirm).contains("data-test=\"replay-count\">2<");
        assertThat(candidates(confirm)).containsExactlyInAnyOrder(first, second);
        assertThat(deadLetters.find(first).orElseThrow().replayedAt()).as("nothing replayed before the POST").isNull();

        // posted as the confirmation page's form does: its CSRF token and the ids it listed
        StringBuilder form = new StringBuilder("_csrf=" + csrf(confirm));
        Matcher hidden = Pattern.compile("type=\"hidden\" name=\"id\" value=\"([^\"]+)\"").matcher(confirm);
        while (hidden.find()) {
            form.append("&id=").append(hidden.group(1));
        }
        HttpResponse<String> done = post("/console/dead-letters/replay-selection", form.toString());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(get("/console/dead-letters?tenant=" + tenant).body()).contains("Replayed 2 dead letters.");
        assertThat(deadLetters.find(first).orElseThrow().replayedAt()).isNotNull();
        assertThat(deadLetters.find(second).orElseThrow().replayedAt()).isNotNull();
        assertThat(deadLetters.find(left).orElseThrow().replayedAt()).isNull();

        // the replayed payloads go through intake again; each letter's page shows the message it produced
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/console/dead-letters/" + first).body()).contains("data-test=\"produced-message\""));
        String firstPage = get("/console/dead-letters/" + first).body();
        String produced = between(firstPage, "data-test=\"produced-message\" data-message-id=\"", "\"");
        assertThat(messages.find(produced).orElseThrow().providerMessageId()).isEqualTo("pm-sel-1");
        assertThat(get("/console/dead-letters/" + left).body()).doesNotContain("data-test=\"replay-outcome\"");
        assertThat(get("/console/dead-letters/replay-selection?tenant=" + tenant + "&reason=console_selected").body())
                .contains("data-test=\"replay-count\">0<").contains("data-test=\"nothing-to-replay\"");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private String bury(String tenantId, String channel, String reason, Instant at, String text) {
        String id = UUID.randomUUID().toString();
        deadLetters.insert(new DeadLetter(id, tenantId, channel, "hub.intake", reason, "test", 1,
                "{\"text\":\"" + text + "\"}", "utf8", Map.of("tenantId", tenantId, "channel", channel), null, at,
                null));
        return id;
    }

    /** A test-channel payload as intake would have queued it, dead-lettered at {@code at}. */
    private String buryPayload(String providerId, String reason, Instant at) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"account\":\"" + account + "\",\"messages\":[{\"id\":\"" + providerId + "\",\"from\":"
                + "\"+31612121212\",\"to\":\"+3120\",\"text\":\"selected " + providerId + "\"}]}";
        Map<String, Object> properties = Map.of("tenantId", tenant, "channel", "test", "receivedAt", at.toString(),
                "hubHeaders", "{\"Content-Type\":\"application/json\"}");
        deadLetters.insert(new DeadLetter(id, tenant, "test", "hub.intake", reason, "test", 1, body, "utf8",
                properties, null, at, null));
        return id;
    }

    private List<String> ids(String queryOrPage) throws Exception {
        String page = queryOrPage.contains("<html") ? queryOrPage : get("/console/dead-letters?" + queryOrPage).body();
        return all(ROW_ID, page);
    }

    private static List<String> candidates(String page) {
        return all(Pattern.compile("data-test=\"replay-candidate\" data-dead-letter-id=\"([^\"]+)\""), page);
    }

    private static List<String> statuses(String page) {
        return all(Pattern.compile("data-test=\"history-entry\" data-status=\"([a-z]+)\""), page);
    }

    private static List<String> all(Pattern p, String page) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(page);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String link(String page, String dataTest) {
        Matcher m = Pattern.compile("href=\"([^\"]+)\"\\s+data-test=\"" + dataTest + "\"").matcher(page);
        assertThat(m.find()).as("a %s link", dataTest).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static String between(String page, String start, String end) {
        int from = page.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        return page.substring(from + start.length(), page.indexOf(end, from + start.length()));
    }

    private static String text(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF field").isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }
}
