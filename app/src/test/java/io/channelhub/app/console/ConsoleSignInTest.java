package io.channelhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.support.H2HubTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's way in over plain HTTP, as a browser speaks it: the session cookie's attributes, CSRF, the
 * refusal of platform tokens, sign-out, and the Content-Security-Policy. The browser tests drive the pages.
 */
class ConsoleSignInTest extends H2HubTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private HttpClient browser;

    @BeforeEach
    void freshBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
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
        assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> signIn(String token) throws Exception {
        String form = get("/console/sign-in").body();
        return post("/console/sign-in", "_csrf=" + csrf(form) + "&token=" + URLEncoder.encode(token,
                StandardCharsets.UTF_8));
    }

    @Test
    void theConsoleNeedsASignInAndAnOpsTokenGivesAStrictHttpOnlySession() throws Exception {
        HttpResponse<String> anonymous = get("/console");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");

        HttpResponse<String> signedIn = signIn(OPS);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        HttpResponse<String> home = get("/console");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Overview").doesNotContain(OPS)
                .as("the token's name in the header").containsPattern("<span class=\"who\">[^<]+</span>");
    }

    @Test
    void revokingTheTokenEndsItsConsoleSessionAtTheNextClick() throws Exception {
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(url("/admin/v1/tokens")))
                .header("Authorization", "Bearer " + OPS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"console-revoked\",\"role\":\"ops\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).isEqualTo(201);
        String token = io.channelhub.core.model.HubJson.mapper().readTree(made.body()).path("token").asText();
        assertThat(signIn(token).statusCode()).isEqualTo(302);
        assertThat(get("/console").statusCode()).isEqualTo(200);

        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url("/admin/v1/tokens/console-revoked")))
                .header("Authorization", "Bearer " + OPS).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(204);
        HttpResponse<String> after = get("/console");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
    }

    @Test
    void aPlatformTokenOrAWrongOneCannotSignIn() throws Exception {
        HttpResponse<String> platform = signIn(PLATFORM);
        assertThat(platform.statusCode()).isEqualTo(401);
        assertThat(platform.body()).contains("platform token").doesNotContain(PLATFORM);
        assertThat(signIn("not-a-token").statusCode()).isEqualTo(401);
        assertThat(get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        get("/console/sign-in");
        assertThat(post("/console/sign-in", "token=" + OPS).statusCode()).isEqualTo(403);
        assertThat(get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        signIn(OPS);
        HttpResponse<String> home = get("/console");
        HttpResponse<String> out = post("/console/sign-out", "_csrf=" + csrf(home.body()));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void everyPageForbidsInlineScripts() throws Exception {
        for (HttpResponse<String> page : List.of(get("/console/sign-in"), signIn(OPS), get("/console"))) {
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        }
        assertThat(get("/console").body()).doesNotContain("<script>").contains("/console/assets/console.js");
    }

    @Test
    void theApisKeepTheirBearerTokensAndNeedNoCsrf() throws Exception {
        HttpResponse<String> tenants = HTTP.send(HttpRequest.newBuilder(URI.create(url("/admin/v1/tenants")))
                .header("Authorization", "Bearer " + OPS).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tenants.statusCode()).isEqualTo(200);
        assertThat(tenants.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url("/admin/v1/tenants/csrf-free")))
                .header("Authorization", "Bearer " + OPS).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"No CSRF needed\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isIn(200, 201);
    }
}
