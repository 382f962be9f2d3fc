package io.channelhub.app.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.support.H2HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The ops console in a real browser (headless Chromium) against the running hub with its real broker and
 * database: what an ops user does, click by click. Screenshots land in {@code target/console-screenshots}.
 */
class ConsoleBrowserTest extends H2HubTest {
    private ChromeDriver browser;

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

    private void signIn(String token) {
        open("/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
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
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("signed out");
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
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
        assertThat(browser.getPageSource()).doesNotContain("Overview");
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
    }
}
