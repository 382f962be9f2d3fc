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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;

/** A signed-in console browser over plain HTTP (a cookie jar and the forms' CSRF field), for the console's tests. */
abstract class ConsoleSession extends H2HubTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private HttpClient browser;
    private String csrf;

    @BeforeEach
    void signIn() throws Exception {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = get("/console/sign-in").body();
        HttpResponse<String> signedIn = post("/console/sign-in", Map.of("_csrf", csrf(form), "token", OPS));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        csrf = csrf(get("/console").body());
    }

    HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the session's CSRF token. */
    HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        return post(path, all);
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
        return m.group(1);
    }

    void createTenant(String id, String name) {
        assertThat(send("PUT", "/admin/v1/tenants/" + id, OPS, "{\"name\":\"" + name + "\"}").statusCode())
                .isIn(200, 201);
    }
}
