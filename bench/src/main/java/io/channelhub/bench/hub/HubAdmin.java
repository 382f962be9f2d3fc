package io.channelhub.bench.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few admin calls the benchmark makes, with the configured ops token. */
public final class HubAdmin {
    private final HubUnderTest hub;
    private final String opsToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HubAdmin(HubUnderTest hub, String opsToken) {
        this.hub = hub;
        this.opsToken = opsToken;
    }

    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + opsToken);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates the tenant and its enabled WhatsApp connector; fails unless the credential check says ok. */
    public void tenantWithWhatsApp(String tenantId, String phoneNumberId, String appSecret, int ratePerSecond)
            throws IOException, InterruptedException {
        // Health answers UP before the application runners have stored the configured tokens: retry a 401 briefly.
        HttpResponse<String> tenant = call("PUT", "/admin/v1/tenants/" + tenantId,
                "{\"name\":\"Benchmark dealer\",\"timezone\":\"Europe/Amsterdam\"}");
        for (int i = 0; i < 100 && tenant.statusCode() == 401; i++) {
            Thread.sleep(100);
            tenant = call("PUT", "/admin/v1/tenants/" + tenantId,
                    "{\"name\":\"Benchmark dealer\",\"timezone\":\"Europe/Amsterdam\"}");
        }
        expect(tenant, 200, 201);
        HttpResponse<String> connector = call("PUT", "/admin/v1/tenants/" + tenantId + "/connectors/whatsapp",
                "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + phoneNumberId + "\",\"wabaId\":\"102290129340398\","
                        + "\"rateLimitPerSecond\":\"" + ratePerSecond + "\"},"
                        + "\"secrets\":{\"accessToken\":\"EAAG-bench-token\",\"appSecret\":\"" + appSecret + "\","
                        + "\"verifyToken\":\"bench-verify\"}}");
        expect(connector, 200, 201);
        if (!connector.body().contains("\"health\":\"ok\"")) {
            throw new IllegalStateException("the WhatsApp connector is not healthy: " + connector.body());
        }
    }

    private static void expect(HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                + r.body());
    }
}
