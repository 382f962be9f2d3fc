package io.channelhub.app.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's messages over HTTP, signed in as ops: each search filter narrows the list, paging walks it newest
 * first, a message's page shows its status history in order with reasons and its conversation, and content is
 * text, never markup.
 */
class ConsoleMessagesTest extends H2HubTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ROW_ID = Pattern.compile("data-test=\"message-row\" data-message-id=\"([^\"]+)\"");
    @Autowired
    MessageRepository messages;
    private HttpClient browser;
    private String tenant;

    @BeforeEach
    void signedIn() throws Exception {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        tenant = "console-m-" + UUID.randomUUID().toString().substring(0, 8);
        String form = get("/console/sign-in").body();
        assertThat(post("/console/sign-in", "_csrf=" + csrf(form) + "&token=" + OPS).statusCode()).isEqualTo(302);
    }

    @Test
    void eachSearchFilterNarrowsTheList() throws Exception {
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        String a = insert(tenant, "test", Direction.INBOUND, "+31600000001", DeliveryStatus.ACCEPTED, base, "c1", "a");
        String b = insert(tenant, "test", Direction.OUTBOUND, "+31600000001", DeliveryStatus.SENT,
                base.plusSeconds(3600), "c1", "b");
        String c = insert(tenant, "sms", Direction.OUTBOUND, "+31600000002", DeliveryStatus.FAILED,
                base.plusSeconds(7200), "c2", "c");
        String d = insert(tenant, "sms", Direction.OUTBOUND, "+31600000002", DeliveryStatus.SENT,
                base.plusSeconds(86_400), "c2", "d");
        String other = insert(tenant + "-x", "test", Direction.INBOUND, "+31600000001", DeliveryStatus.ACCEPTED,
                base, "c3", "other");

        assertThat(ids("tenant=" + tenant)).containsExactly(d, c, b, a);
        assertThat(ids("tenant=" + tenant + "&channel=sms")).containsExactly(d, c);
        assertThat(ids("tenant=" + tenant + "&contact=%2B31600000001")).containsExactly(b, a);
        assertThat(ids("contact=%2B31600000001")).contains(b, a, other);
        assertThat(ids("tenant=" + tenant + "&status=sent")).containsExactly(d, b);
        assertThat(ids("tenant=" + tenant + "&direction=inbound")).containsExactly(a);
        assertThat(ids("tenant=" + tenant + "&from=2026-03-01T10:30&to=2026-03-01T12:30")).containsExactly(c, b);
        assertThat(ids("tenant=" + tenant + "&from=2026-03-02")).containsExactly(d);
        assertThat(ids("tenant=" + tenant + "&channel=sms&status=failed")).containsExactly(c);

        HttpResponse<String> bad = get("/console/messages?tenant=" + tenant + "&from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("From is not a time");
        HttpResponse<String> none = get("/console/messages?tenant=" + tenant + "&channel=email");
        assertThat(none.body()).contains("data-test=\"no-messages\"");
    }

    @Test
    void pagesWalkTheListNewestFirstFiftyAtATime() throws Exception {
        List<String> inserted = new ArrayList<>();
        Instant base = Instant.parse("2026-04-01T08:00:00Z");
        for (int i = 0; i < 62; i++) {
            inserted.add(insert(tenant, "test", Direction.INBOUND, "+3161000" + (i % 4), DeliveryStatus.ACCEPTED,
                    base.plusSeconds(i), "conv-" + tenant, "m" + i));
        }
        List<String> newestFirst = new ArrayList<>(inserted);
        java.util.Collections.reverse(newestFirst);

        HttpResponse<String> first = get("/console/messages?tenant=" + tenant);
        assertThat(ids(first.body())).containsExactlyElementsOf(newestFirst.subList(0, 50));
        assertThat(first.body()).doesNotContain("data-test=\"newer-page\"");
        HttpResponse<String> second = get(link(first.body(), "older-page"));
        assertThat(ids(second.body())).containsExactlyElementsOf(newestFirst.subList(50, 62));
        assertThat(second.body()).doesNotContain("data-test=\"older-page\"");
        HttpResponse<String> back = get(link(second.body(), "newer-page"));
        assertThat(ids(back.body())).containsExactlyElementsOf(newestFirst.subList(0, 50));
        assertThat(back.body()).doesNotContain("data-test=\"newer-page\"");
    }

    @Test
    void aMessagePageShowsItsHistoryInOrderWithReasonsAndItsConversation() throws Exception {
        String account = "acct-" + tenant;
        tenantWithTestConnector(tenant, "test", account, "signing-secret-" + tenant);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+31644440000")))
                .willReturn(aResponse().withStatus(400)));
        String failed = submit("+31644440000", "refused by the provider");
        await().atMost(Duration.ofSeconds(15)).until(() -> messages.find(failed).orElseThrow().status()
                == DeliveryStatus.FAILED);

        String page = get("/console/messages/" + failed).body();
        List<String> statuses = new ArrayList<>();
        Matcher m = Pattern.compile("data-test=\"history-entry\" data-status=\"([a-z]+)\"").matcher(page);
        while (m.find()) {
            statuses.add(m.group(1));
        }
        assertThat(statuses).containsExactly("accepted", "failed");
        assertThat(page).contains("provider_rejected").contains("provider code 400")
                .contains("refused by the provider").doesNotContain("tok-" + account)
                .doesNotContain("signing-secret-" + tenant);
        assertThat(page.indexOf("data-status=\"accepted\"")).isLessThan(page.indexOf("data-status=\"failed\""));

        // the conversation around a message: ten before and ten after, linked
        List<String> conversation = new ArrayList<>();
        Instant base = Instant.parse("2026-05-01T08:00:00Z");
        for (int i = 0; i < 25; i++) {
            conversation.add(insert(tenant, "test", i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
                    "+31655550000", DeliveryStatus.SENT, base.plusSeconds(i), "conv-around-" + tenant, "turn " + i));
        }
        String middle = get("/console/messages/" + conversation.get(12)).body();
        List<String> around = new ArrayList<>();
        Matcher n = Pattern.compile("data-test=\"conversation-message\" data-message-id=\"([^\"]+)\"").matcher(middle);
        while (n.find()) {
            around.add(n.group(1));
        }
        List<String> expected = new ArrayList<>(conversation.subList(2, 12));
        expected.addAll(conversation.subList(13, 23));
        assertThat(around).containsExactlyElementsOf(expected);
        assertThat(middle).contains("href=\"/console/messages/" + conversation.get(2) + "\"")
                .contains("data-test=\"conversation-current\" data-message-id=\"" + conversation.get(12) + "\"");
    }

    @Test
    void contentIsShownAsTextAndAScriptInItStaysText() throws Exception {
        String account = "acct-" + tenant;
        tenantWithTestConnector(tenant, "test", account, "signing-secret-" + tenant);
        PROVIDER.stubFor(WireMock.post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"prov-" + tenant + "\"}")));
        String id = submit("+31617770000", "<script>alert('owned')</script><b>bold</b>");

        String list = get("/console/messages?tenant=" + tenant).body();
        assertThat(ids(list)).containsExactly(id);
        assertThat(list).doesNotContain("<script>alert").doesNotContain("<b>bold")
                .contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;");
        String page = get("/console/messages/" + id).body();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<b>bold")
                .contains("data-test=\"message-text\">&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;&lt;b&gt;bold");
    }

    @Test
    void aSignedWebhooksMessageIsFoundByItsContact() throws Exception {
        String account = "acct-" + tenant;
        String secret = "signing-secret-" + tenant;
        tenantWithTestConnector(tenant, "test", account, secret);
        assertThat(postTestWebhook("/webhooks/test/" + tenant, secret, "{\"account\":\"" + account + "\",\"messages\":"
                + "[{\"id\":\"pm-" + tenant + "\",\"from\":\"+31688880000\",\"to\":\"+3120\",\"text\":\"Nog te koop?\"}]}")
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !ids("tenant=" + tenant + "&contact=%2B31688880000"
                + "&direction=inbound").isEmpty());
        String list = get("/console/messages?tenant=" + tenant + "&contact=%2B31688880000").body();
        assertThat(list).contains("Nog te koop?");
        String id = ids(list).get(0);
        assertThat(get("/console/messages/" + id).body()).contains("pm-" + tenant).contains("+31688880000");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private String insert(String tenantId, String channel, Direction direction, String contact, DeliveryStatus status,
                          Instant at, String conversation, String text) {
        String id = UUID.randomUUID().toString();
        String body = HubJson.mapper().createObjectNode().put("id", id).set("content",
                HubJson.mapper().createObjectNode().put("type", "text").put("text", text)).toString();
        assertThat(messages.insert(new MessageRecord(id, 0, tenantId, channel, direction, conversation, contact,
                "pm-" + id, status, "service", body, null, 0, null, null, at, at))).isTrue();
        return id;
    }

    private String submit(String to, String text) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM,
                HubJson.mapper().createObjectNode().put("channel", "test").put("to", to).set("content",
                        HubJson.mapper().createObjectNode().put("type", "text").put("text", text)).toString());
        assertThat(r.statusCode()).isEqualTo(202);
        return HubJson.mapper().readTree(r.body()).path("id").asText();
    }

    private List<String> ids(String queryOrPage) throws Exception {
        String page = queryOrPage.contains("<html") ? queryOrPage : get("/console/messages?" + queryOrPage).body();
        List<String> ids = new ArrayList<>();
        Matcher m = ROW_ID.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String link(String page, String dataTest) {
        Matcher m = Pattern.compile("href=\"([^\"]+)\" data-test=\"" + dataTest + "\"").matcher(page);
        assertThat(m.find()).as("a %s link", dataTest).isTrue();
        return m.group(1).replace("&amp;", "&");
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
