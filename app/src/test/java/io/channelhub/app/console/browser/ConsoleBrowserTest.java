package io.channelhub.app.console.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.signature.HmacSignatures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ops console in a real browser (headless Chromium) against the running hub with its real broker and
 * database: what an ops user does, click by click. Screenshots land in {@code target/console-screenshots}.
 */
class ConsoleBrowserTest extends H2HubTest {
    private ChromeDriver browser;

    @DynamicPropertySource
    static void metaApi(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.whatsapp.base-url", PROVIDER::baseUrl);
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path) {
        browser.get(url(path));
    }

    /** A form's submit navigates when the browser gets to it: wait for the page it leads to. */
    private void waitForUrl(String part) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(part));
    }

    /** Signs in and waits for the answer: the console, or the sign-in page again with its error. */
    private void signIn(String token) {
        open("/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/console/sign-in")
                || !d.findElements(By.cssSelector(".error")).isEmpty());
    }

    @Test
    void anOpsUserSignsInAndOut() {
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        HeadlessChromium.screenshot(browser, "sign-in");
        signIn(OPS);
        assertThat(browser.getCurrentUrl()).endsWith("/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.getPageSource()).doesNotContain(OPS);
        HeadlessChromium.screenshot(browser, "overview");

        browser.findElement(By.cssSelector("form.sign-out button")).click();
        waitForUrl("/console/sign-in");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("signed out");
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
    }

    /** The whole way: onboard a dealer with WhatsApp, see its first webhook arrive, offboard it. */
    @Test
    void anOpsUserOnboardsADealerWithWhatsAppSeesAWebhookArriveAndOffboardsIt() throws Exception {
        String tenant = "browser-dealer";
        String name = "<script>alert(1)</script> Autohaus Berger";
        String phoneNumberId = "106540352242922";
        String token = "EAAGbrowserToken0123456789";
        String appSecret = "browser-app-secret";
        PROVIDER.stubFor(get(urlEqualTo("/v26.0/" + phoneNumberId + "?fields=id"))
                .willReturn(okJson("{\"id\":\"" + phoneNumberId + "\"}")));
        signIn(OPS);
        browser.findElement(By.linkText("Tenants")).click();
        browser.findElement(By.id("tenant-new")).click();
        browser.findElement(By.id("tenant-id")).sendKeys(tenant);
        browser.findElement(By.id("tenant-name")).sendKeys(name);
        HeadlessChromium.screenshot(browser, "tenant-new");
        browser.findElement(By.id("tenant-save")).click();
        waitForUrl("/console/tenants/" + tenant);
        assertThat(browser.findElement(By.id("tenant-name")).getText()).isEqualTo(name);
        assertThat(browser.findElements(By.xpath("//script[contains(., 'alert')]"))).isEmpty();

        browser.findElement(By.id("whatsapp-setting-phoneNumberId")).sendKeys(phoneNumberId);
        browser.findElement(By.id("whatsapp-secret-accessToken")).sendKeys(token);
        browser.findElement(By.id("whatsapp-secret-appSecret")).sendKeys(appSecret);
        browser.findElement(By.id("whatsapp-secret-verifyToken")).sendKeys("browser-verify");
        browser.findElement(By.id("connector-whatsapp-save")).click();
        waitForUrl("#connector-whatsapp");
        assertThat(browser.findElement(By.id("connector-whatsapp-webhook-url")).getText())
                .endsWith("/webhooks/whatsapp/" + tenant);
        assertThat(browser.findElement(By.id("connector-whatsapp-health")).getText()).isEqualTo("ok");
        assertThat(browser.findElement(By.id("whatsapp-secret-accessToken-state")).getDomProperty("textContent"))
                .isEqualTo("set");
        assertThat(browser.getPageSource()).doesNotContain(token).doesNotContain(appSecret)
                .doesNotContain("browser-verify");
        HeadlessChromium.screenshot(browser, "tenant-connectors");

        byte[] webhook = new String(getClass().getResourceAsStream("/fixtures/whatsapp/text.json").readAllBytes(),
                StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        assertThat(call(HttpRequest.newBuilder(URI.create(url("/webhooks/whatsapp/" + tenant)))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(appSecret, webhook))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook)).build()).statusCode()).isEqualTo(200);
        browser.findElement(By.linkText("Messages")).click();
        browser.findElement(By.id("f-tenant")).sendKeys(tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            browser.findElement(By.cssSelector("[data-test=search]")).click();
            return !browser.findElements(By.cssSelector("tr[data-test=message-row]")).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector("[data-test=message-contact]")).getText())
                .isEqualTo("+31612345678");

        open("/console/tenants/" + tenant);
        browser.findElement(By.id("tenant-offboard")).click();
        waitForUrl("/offboard");
        assertThat(browser.findElement(By.id("offboard-consequences")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("offboard-erase-date")).getText()).isNotBlank();
        HeadlessChromium.screenshot(browser, "tenant-offboard");
        browser.findElement(By.id("offboard-confirm")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(
                "/console/tenants/" + tenant + "$"));
        assertThat(browser.findElement(By.id("tenant-status")).getText()).containsIgnoringCase("offboard");
        assertThat(browser.findElement(By.id("connector-whatsapp-state")).getText()).containsIgnoringCase("disabled");
    }

    @Test
    void aSignedWebhooksMessageIsFoundInTheSearchAndAScriptInItIsText() {
        tenantWithTestConnector("browser-msg", "test", "acct-browser-msg", "browser-msg-secret");
        String text = "<script>alert('x')</script> Is de Golf nog beschikbaar?";
        assertThat(postTestWebhook("/webhooks/test/browser-msg", "browser-msg-secret", "{\"account\":"
                + "\"acct-browser-msg\",\"messages\":[{\"id\":\"pm-browser-1\",\"from\":\"+31611112222\","
                + "\"to\":\"+3120\",\"text\":\"" + text.replace("'", "\\u0027") + "\"}]}").statusCode())
                .isEqualTo(200);
        signIn(OPS);
        browser.findElement(By.linkText("Messages")).click();
        browser.findElement(By.id("f-tenant")).sendKeys("browser-msg");
        browser.findElement(By.id("f-contact")).sendKeys("+31611112222");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            browser.findElement(By.cssSelector("[data-test=search]")).click();
            return !browser.findElements(By.cssSelector("tr[data-test=message-row]")).isEmpty();
        });
        HeadlessChromium.screenshot(browser, "messages");
        browser.findElement(By.cssSelector("tr[data-test=message-row] [data-test=message-link]")).click();
        assertThat(browser.findElement(By.id("message-text")).getText()).isEqualTo(text);
        assertThat(browser.findElements(By.xpath("//script[contains(., 'alert')]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-test=message-contact]")).getText())
                .isEqualTo("+31611112222");
        HeadlessChromium.screenshot(browser, "message");
    }

    @Test
    void aDeadLetteredMessageIsReplayedFromTheConsole() {
        tenantWithTestConnector("browser-dlq", "test", "acct-browser-dlq", "browser-dlq-secret");
        PROVIDER.stubFor(post(urlEqualTo("/acct-browser-dlq/messages")).willReturn(okJson("{\"id\":\"pm-ok\"}")));
        StubMapping outage = PROVIDER.stubFor(post(urlEqualTo("/acct-browser-dlq/messages")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        assertThat(send("POST", "/api/v1/tenants/browser-dlq/messages", PLATFORM, "{\"channel\":\"test\","
                + "\"to\":\"+31633334444\",\"content\":{\"type\":\"text\",\"text\":\"Uw afspraak\"}}")
                .statusCode()).isEqualTo(202);
        signIn(OPS);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            open("/console/dead-letters?tenant=browser-dlq");
            return !browser.findElements(By.cssSelector("tr[data-test=dead-letter-row]")).isEmpty();
        });
        HeadlessChromium.screenshot(browser, "dead-letters");
        browser.findElement(By.cssSelector("tr[data-test=dead-letter-row] [data-test=dead-letter-link]")).click();
        PROVIDER.removeStub(outage);
        browser.findElement(By.cssSelector("[data-test=replay]")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("[data-test=replayed-message-status]")).stream()
                    .anyMatch(e -> "sent".equals(e.getText()));
        });
        HeadlessChromium.screenshot(browser, "dead-letter-replayed");
    }

    @Test
    void aPlatformTokenIsRefused() {
        signIn(PLATFORM);
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        assertThat(browser.findElement(By.cssSelector(".error")).getText()).contains("platform token");
        assertThat(browser.getPageSource()).doesNotContain(PLATFORM);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        open("/console/sign-in");
        browser.executeScript("document.querySelector('input[name=_csrf]').remove()");
        browser.findElement(By.id("token")).sendKeys(OPS);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        // the refusal is a page without the sign-in form
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.id("token")).isEmpty());
        assertThat(browser.getPageSource()).doesNotContain("Overview");
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
    }
}
