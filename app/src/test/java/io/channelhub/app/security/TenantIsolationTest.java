package io.channelhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.media.MediaStore;
import io.channelhub.app.persistence.MediaRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Security (issue #6): a token scoped to one tenant cannot read or write another tenant's messages or
 * media; every ops endpoint refuses platform tokens and every platform endpoint refuses the ops token —
 * checked over the routes the application actually maps, so a new endpoint is covered the day it is
 * added; and secrets are compared in constant time: tokens by hash lookup, webhook signatures by each
 * connector's verifier with a constant-time comparison (checked in their source).
 */
class TenantIsolationTest extends H2HubTest {
    private static final String OWN = "dealer-a"; // the tenant SCOPED is scoped to (HubTestBase)
    private static final List<String> CONTRACT_ADMIN_ROUTES = List.of("PUT /admin/v1/tenants/{tenantId}",
            "GET /admin/v1/tenants", "DELETE /admin/v1/tenants/{tenantId}",
            "PUT /admin/v1/tenants/{tenantId}/connectors/{channel}", "GET /admin/v1/tenants/{tenantId}/connectors",
            "POST /admin/v1/tenants/{tenantId}/connectors/{channel}/enable",
            "POST /admin/v1/tenants/{tenantId}/connectors/{channel}/disable", "GET /admin/v1/dead-letters",
            "POST /admin/v1/dead-letters/{id}/replay");
    private static final List<String> CONTRACT_API_ROUTES = List.of("POST /api/v1/tenants/{tenantId}/messages",
            "GET /api/v1/tenants/{tenantId}/messages/{id}", "GET /api/v1/tenants/{tenantId}/media/{id}");
    private static final Pattern SECRET_WORDS = Pattern.compile("(?i)signature|expected|secret|token|hmac|digest|hash");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MediaRepository mediaRepository;
    @Autowired
    MediaStore mediaStore;
    @Autowired
    ConnectorCatalog catalog;

    private String other;

    @BeforeEach
    void twoTenants() {
        other = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        for (String t : List.of(OWN, other)) {
            assertThat(send("PUT", "/admin/v1/tenants/" + t, OPS, "{\"name\":\"" + t + "\"}").statusCode()).isIn(200, 201);
        }
        tenantWithTestConnector(other, "test", "acct-" + other, "secret-" + other);
    }

    // ---- tenant scope ---------------------------------------------------------------------------------

    @Test
    void aScopedTokenCannotSubmitToReadOrFetchMediaOfAnotherTenant() throws Exception {
        String theirs = accepted(send("POST", messages(other), PLATFORM, text("private to " + other)));
        String theirMedia = storeMedia(other, "their photo");

        assertForbidden(send("POST", messages(other), SCOPED, text("sneaked in")));
        assertForbidden(send("GET", messages(other) + "/" + theirs, SCOPED, null));
        assertForbidden(send("GET", "/api/v1/tenants/" + other + "/media/" + theirMedia, SCOPED, null));
        // nor through its own tenant's path: lookups are by (tenant, id), so another tenant's id is unknown there
        HttpResponse<String> viaOwn = send("GET", messages(OWN) + "/" + theirs, SCOPED, null);
        assertThat(viaOwn.statusCode()).isEqualTo(404);
        assertThat(viaOwn.body()).doesNotContain("private to");
        assertThat(send("GET", "/api/v1/tenants/" + OWN + "/media/" + theirMedia, SCOPED, null).statusCode())
                .isEqualTo(404);
        // the scoped token's refused submission left nothing behind
        assertThat(jdbc.sql("select count(*) from messages where tenant_id = ?").param(other).query(Long.class)
                .single()).isEqualTo(1);
        // and an unscoped platform token does reach them
        assertThat(send("GET", messages(other) + "/" + theirs, PLATFORM, null).body()).contains("private to " + other);
        assertThat(getBytes("/api/v1/tenants/" + other + "/media/" + theirMedia, PLATFORM))
                .isEqualTo("their photo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aScopedTokenCanSubmitToReadAndFetchMediaOfItsOwnTenant() throws Exception {
        String mine = accepted(send("POST", messages(OWN), SCOPED, text("for my own tenant")));
        HttpResponse<String> read = send("GET", messages(OWN) + "/" + mine, SCOPED, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read.body()).path("id").asText()).isEqualTo(mine);
        String myMedia = storeMedia(OWN, "my photo");
        assertThat(getBytes("/api/v1/tenants/" + OWN + "/media/" + myMedia, SCOPED))
                .isEqualTo("my photo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aScopedTokenIsRefusedOnEveryPlatformRouteOfAnotherTenant() {
        List<String> routes = routes("/api/");
        assertThat(routes).containsAll(CONTRACT_API_ROUTES);
        for (String route : routes) {
            if (!route.contains("{tenantId}")) {
                continue;
            }
            HttpResponse<String> r = call(route, other, SCOPED);
            assertThat(r.statusCode()).as(route + " -> " + r.body()).isEqualTo(403);
            assertThat(r.body()).as(route).contains("another tenant");
        }
    }

    // ---- roles ----------------------------------------------------------------------------------------

    @Test
    void everyOpsRouteRefusesPlatformTokensScopedOrNot() {
        List<String> routes = routes("/admin/");
        assertThat(routes).containsAll(CONTRACT_ADMIN_ROUTES);
        String tenantBefore = row("select * from tenants where id = ?", other);
        String connectorsBefore = row("select * from connectors where tenant_id = ?", other);
        for (String token : List.of(PLATFORM, SCOPED)) {
            for (String route : routes) {
                HttpResponse<String> r = call(route, other, token);
                assertThat(r.statusCode()).as(route + " with a platform token -> " + r.body()).isEqualTo(403);
                assertThat(r.body()).as(route).contains("role ops");
            }
        }
        // refused means refused: the tenant was neither changed nor offboarded, its connector untouched
        assertThat(row("select * from tenants where id = ?", other)).isEqualTo(tenantBefore);
        assertThat(row("select * from connectors where tenant_id = ?", other)).isEqualTo(connectorsBefore);
    }

    @Test
    void everyPlatformRouteRefusesTheOpsToken() {
        List<String> routes = routes("/api/");
        assertThat(routes).containsAll(CONTRACT_API_ROUTES);
        long before = jdbc.sql("select count(*) from messages where tenant_id = ?").param(other).query(Long.class).single();
        for (String route : routes) {
            HttpResponse<String> r = call(route, other, OPS);
            assertThat(r.statusCode()).as(route + " with the ops token -> " + r.body()).isEqualTo(403);
            assertThat(r.body()).as(route).contains("role platform");
        }
        assertThat(jdbc.sql("select count(*) from messages where tenant_id = ?").param(other).query(Long.class).single())
                .isEqualTo(before);
    }

    // ---- constant-time comparisons ----------------------------------------------------------------------

    /**
     * API tokens are never compared as strings. The hub stores only SHA-256 of each token and finds the
     * caller by looking up the SHA-256 of the presented token in a hash map ({@link ApiTokens#authenticate}).
     * Whatever that lookup's timing depends on (bucket, hash-code and equality checks of hex digests), it
     * depends on the digest of the attacker's guess, not on how many leading characters of a real token the
     * guess got right: changing one character of a guess changes its digest unpredictably, so timing cannot
     * be used to recover a token character by character. (The tokens are 256-bit random values, so the
     * digests need no salt or slow hash.)
     */
    @Test
    void tokensAreStoredAsHashesAndFoundByHashLookup() throws IOException {
        List<String> stored = jdbc.sql("select token_hash from api_tokens").query(String.class).list();
        for (String token : List.of(OPS, PLATFORM, SCOPED)) {
            assertThat(stored).contains(TokenHashes.hash(token)).doesNotContain(token);
        }
        assertThat(jdbc.sql("select * from api_tokens").query().listOfRows().toString())
                .doesNotContain(OPS).doesNotContain(PLATFORM).doesNotContain(SCOPED);
        String apiTokens = source(ApiTokens.class);
        assertThat(method(apiTokens, "authenticate")).contains("byHash.get(TokenHashes.hash(token))");
        for (Class<?> c : List.of(ApiTokens.class, ApiTokenFilter.class, TokenHashes.class)) {
            assertThat(secretEquals(source(c))).as(c.getSimpleName() + " compares a token with equals").isEmpty();
        }
    }

    /**
     * Every connector that takes webhooks verifies them with a constant-time comparison — the core's
     * {@code HmacSignatures.constantTimeEquals(Hex)}, {@code MessageDigest.isEqual}, or the Twilio SDK's
     * {@code RequestValidator} (whose {@code secureCompare} is constant-time) — and none compares a
     * signature, secret or token with {@code equals}. Read from the verifiers' source files.
     */
    @Test
    void everyWebhookVerifierComparesSignaturesInConstantTime() throws Exception {
        List<String> checked = new ArrayList<>();
        for (ChannelConnector connector : catalog.all()) {
            Optional<WebhookVerifier> verifier = connector.webhooks();
            if (verifier.isEmpty()) {
                continue;
            }
            // a family's verifiers inherit verify() (the Meta channels'): read it where it is declared
            Class<?> declaring = verifier.get().getClass().getMethod("verify", WebhookRequest.class,
                    TenantConnector.class).getDeclaringClass();
            String source = source(declaring);
            String verify = method(source, "verify");
            assertThat(verify).as(connector.descriptor().id() + " verify()").containsAnyOf(
                    "HmacSignatures.constantTimeEquals(", "HmacSignatures.constantTimeEqualsHex(", "MessageDigest.isEqual(",
                    ".validate(");
            if (verify.contains(".validate(") && !verify.contains("HmacSignatures.") && !verify.contains("isEqual(")) {
                assertThat(source).contains("import com.twilio.security.RequestValidator;");
            }
            assertThat(secretEquals(source)).as(connector.descriptor().id() + " compares a secret with equals")
                    .isEmpty();
            checked.add(connector.descriptor().id());
        }
        assertThat(checked).contains("whatsapp", "sms", "test");
        assertThat(catalog.find("email").flatMap(ChannelConnector::webhooks)).as("email takes no webhooks").isEmpty();
        // the Twilio SDK's validator compares in constant time (a private secureCompare); an upgrade dropping it fails here
        assertThat(Arrays.stream(com.twilio.security.RequestValidator.class.getDeclaredMethods())
                .map(java.lang.reflect.Method::getName)).contains("secureCompare");
        // and the core helpers themselves, and the unsubscribe links, use MessageDigest.isEqual
        assertThat(source(io.channelhub.core.signature.HmacSignatures.class)).contains("MessageDigest.isEqual(");
        assertThat(method(source(io.channelhub.app.consent.UnsubscribeLinks.class), "verify"))
                .contains("MessageDigest.isEqual(");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** The mapped routes under {@code prefix}, as "METHOD /path/{var}". */
    private List<String> routes(String prefix) {
        TreeSet<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (info.getPathPatternsCondition() == null) {
                return;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!pattern.startsWith(prefix)) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    routes.add(m.name() + " " + pattern);
                }
            }
        });
        return new ArrayList<>(routes);
    }

    /** Calls a route template for {@code tenant}, with a body that would be accepted from the right caller. */
    private HttpResponse<String> call(String route, String tenant, String token) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{tenantId}", tenant).replace("{channel}", "test")
                .replace("{id}", UUID.randomUUID().toString()).replace("{address}", "%2B31612345678")
                .replaceAll("\\{[^}]+}", "x");
        String body = null;
        if (method.equals("PUT") && path.contains("/connectors/")) {
            body = "{\"enabled\":false,\"settings\":{\"account\":\"hijacked\"},\"secrets\":{\"token\":\"t\","
                    + "\"signingSecret\":\"s\"}}";
        } else if (method.equals("PUT")) {
            body = "{\"name\":\"hijacked\"}";
        } else if (method.equals("POST") && path.endsWith("/messages")) {
            body = text("hijacked");
        }
        return send(method, path, token, body);
    }

    private String messages(String tenant) {
        return "/api/v1/tenants/" + tenant + "/messages";
    }

    private static String text(String text) {
        return "{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}";
    }

    private static String accepted(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r.body()).path("id").asText();
    }

    private static void assertForbidden(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + " -> " + r.body()).isEqualTo(403);
        assertThat(r.body()).contains("another tenant");
    }

    private String storeMedia(String tenant, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        MediaStore.StoredMedia stored = mediaStore.put(tenant, new ByteArrayInputStream(bytes), 1024);
        mediaRepository.insert(new MediaRepository.MediaInfo(stored.id(), tenant, "image/jpeg", null, stored.sizeBytes(),
                stored.sha256()), null, Instant.now());
        return stored.id();
    }

    private byte[] getBytes(String path, String token) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private String row(String sql, String param) {
        return jdbc.sql(sql).param(param).query().listOfRows().toString();
    }

    private static JsonNode json(String s) throws IOException {
        return HubJson.mapper().readTree(s);
    }

    /** The source file of a class (its top-level class), from this repository's modules. */
    private static String source(Class<?> type) throws IOException {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String relative = top.getName().replace('.', '/') + ".java";
        Path repo = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> roots = Stream.of("app/src/main/java", "app/src/test/java", "core/src/main/java",
                "routes/src/main/java").map(repo::resolve)) {
            List<Path> candidates = new ArrayList<>(roots.toList());
            try (Stream<Path> connectors = Files.list(repo.resolve("connectors"))) {
                connectors.filter(Files::isDirectory).forEach(d -> candidates.add(d.resolve("src/main/java")));
            }
            for (Path root : candidates) {
                Path file = root.resolve(relative);
                if (Files.exists(file)) {
                    return Files.readString(file);
                }
            }
        }
        throw new AssertionError("no source for " + type.getName() + " under " + repo);
    }

    /** The text of the first method named {@code name} (from its signature to the matching closing brace). */
    private static String method(String source, String name) {
        java.util.regex.Matcher m = Pattern.compile("\\s" + name + "\\([^)]*\\)[^;{]*\\{").matcher(source);
        assertThat(m.find()).as("method " + name).isTrue();
        int depth = 0;
        for (int i = m.end() - 1; i < source.length(); i++) {
            char c = source.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return source.substring(m.start(), i + 1);
            }
        }
        return source.substring(m.start());
    }

    /** Lines that compare something secret-looking with {@code equals}. */
    private static List<String> secretEquals(String source) {
        return source.lines().map(String::strip)
                .filter(l -> !l.startsWith("*") && !l.startsWith("//") && !l.startsWith("/*"))
                .filter(l -> l.contains(".equals(") || l.contains("::equals") || l.contains("equalsIgnoreCase("))
                .filter(l -> SECRET_WORDS.matcher(l).find()).toList();
    }
}
