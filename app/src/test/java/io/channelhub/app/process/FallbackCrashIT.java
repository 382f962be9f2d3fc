package io.channelhub.app.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.channelhub.app.support.HubProcess;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a crash between a fallback's deadline and its send. The packaged hub accepts WhatsApp messages whose
 * chain moves on to SMS when they are not delivered within 10 s (the WhatsApp stub never reports delivery), and
 * is killed with SIGKILL while the deadlines fire and the slow SMS stub is answering, then restarted on the same
 * journal and database. Every message must get exactly one fallback attempt — one hub message, as the platform
 * sees it on hub.events — and every attempt must reach the SMS provider. Sends are at least once: a send the kill
 * interrupted after the provider took it is sent again, and counted.
 */
class FallbackCrashIT {
    static final String OPS = "ops-fallback-token-0123456789";
    static final String PLATFORM = "platform-fallback-token-0123456789";
    static final String TENANT = "fallback-dealer";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final int MESSAGES = 40;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    final Map<String, AtomicInteger> smsSends = new ConcurrentHashMap<>(); // contact → sends
    WireMockServer providers;
    HubProcess hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (providers != null) {
            providers.stop();
        }
    }

    @Test
    void everyMessageGetsExactlyOneFallbackAcrossAKillAtItsDeadline() throws Exception {
        startProviders();
        hub = new HubProcess(Files.createTempDirectory("hub-fallback-crash-"), Map.of(
                "hub.channels.whatsapp.base-url", providers.baseUrl(),
                "hub.channels.sms.base-url", providers.baseUrl(),
                "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                "hub.security.tokens[0].token", OPS,
                "hub.security.tokens[1].name", "platform", "hub.security.tokens[1].role", "platform",
                "hub.security.tokens[1].token", PLATFORM)).start(START_TIMEOUT);
        configureTenant();

        Map<String, String> contactOf = new LinkedHashMap<>(); // original id → contact
        long firstAccepted = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            String contact = "+3161234" + String.format("%04d", i);
            HttpResponse<String> r = hub.call("POST", "/api/v1/tenants/" + TENANT + "/messages", PLATFORM,
                    "{\"channel\":\"whatsapp\",\"to\":\"" + contact + "\",\"content\":{\"type\":\"template\","
                            + "\"name\":\"appointment_reminder\",\"language\":\"nl\",\"parameters\":[\"morgen\"],"
                            + "\"fallbackText\":\"Uw afspraak is morgen.\"},\"metadata\":{\"n\":" + i + "},"
                            + "\"fallback\":[{\"channel\":\"sms\",\"content\":{\"type\":\"text\",\"text\":"
                            + "\"Uw afspraak is morgen.\"},\"on\":[\"not_delivered_within\"],\"within\":\"PT10S\"}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            contactOf.put(HubJson.mapper().readTree(r.body()).path("id").asText(), contact);
            Thread.sleep(50); // deadlines spread over ≈ 2 s
        }
        // Killed while the deadlines fire and the slow SMS stub answers: some attempts are claimed and not yet
        // sent, some checks are in flight, some are still to come.
        long seed = Long.getLong("crash.seed", System.currentTimeMillis());
        long killAt = 10_500 + new Random(seed).nextInt(2_500);
        Thread.sleep(Math.max(0, killAt - (System.nanoTime() - firstAccepted) / 1_000_000));
        int sendsBeforeKill = smsSends.values().stream().mapToInt(AtomicInteger::get).sum();
        hub.kill();
        hub.start(START_TIMEOUT);

        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline && !contactOf.values().stream().allMatch(smsSends::containsKey)) {
            Thread.sleep(500);
        }
        Map<String, Set<String>> attemptsOf = attemptsByOriginal();
        int duplicates = smsSends.values().stream().mapToInt(c -> c.get() - 1).sum();
        System.out.printf("fallback crash: seed %d, killed at %d ms with %d of %d SMS sent; %d sent again after the"
                + " restart (at least once)%n", seed, killAt, sendsBeforeKill, MESSAGES, duplicates);

        assertThat(contactOf.values()).as("every contact got the fallback by SMS (%s)", hub.log())
                .allMatch(smsSends::containsKey);
        for (Map.Entry<String, String> original : contactOf.entrySet()) {
            JsonNode view = HubJson.mapper().readTree(hub.call("GET", "/api/v1/tenants/" + TENANT + "/messages/"
                    + original.getKey(), PLATFORM, null).body());
            assertThat(view.path("fallback").path("state").asText()).as(view.toString()).isEqualTo("attempted");
            String attempt = view.path("fallback").path("attempt").asText();
            assertThat(attemptsOf.get(original.getKey())).as("the platform saw one attempt of %s", original.getKey())
                    .containsExactly(attempt);
            JsonNode sms = HubJson.mapper().readTree(hub.call("GET", "/api/v1/tenants/" + TENANT + "/messages/" + attempt,
                    PLATFORM, null).body());
            assertThat(sms.path("status").asText()).isEqualTo("sent");
            assertThat(sms.path("message").path("to").path("address").asText()).isEqualTo(original.getValue());
        }
    }

    /** Every status event on hub.events of a fallback attempt, as the platform reads them: attempt ids by original. */
    private Map<String, Set<String>> attemptsByOriginal() throws Exception {
        Map<String, Set<String>> attempts = new ConcurrentHashMap<>();
        try (Connection jms = new ActiveMQConnectionFactory(hub.brokerUrl()).createConnection()) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.events"));
            for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(2_000)) {
                JsonNode event = HubJson.mapper().readTree(((TextMessage) m).getText());
                if (event.has("fallbackOf")) {
                    attempts.computeIfAbsent(event.path("fallbackOf").asText(), k -> new HashSet<>())
                            .add(event.path("messageId").asText());
                }
            }
        }
        return attempts;
    }

    private void startProviders() {
        providers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
                .disableRequestJournal());
        providers.start();
        providers.stubFor(get(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + PHONE_NUMBER_ID + "\"}")));
        providers.stubFor(post(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{randomValue type='UUID'}}\"}]}")
                .withTransformers("response-template")));
        String messages = "/2010-04-01/Accounts/" + ACCOUNT_SID;
        providers.stubFor(get(urlPathEqualTo(messages + ".json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + ACCOUNT_SID + "\",\"status\":\"active\",\"type\":\"Full\"}")));
        // Slow on purpose: the kill finds attempts made and not yet sent.
        providers.stubFor(post(urlPathEqualTo(messages + "/Messages.json")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(250).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\","
                        + "\"num_segments\":\"1\",\"account_sid\":\"" + ACCOUNT_SID + "\"}")
                .withTransformers("response-template")));
        providers.addMockServiceRequestListener((request, response) -> {
            if (RequestMethod.POST.equals(request.getMethod()) && request.getUrl().endsWith("/Messages.json")
                    && response.getStatus() == 201) {
                for (String pair : request.getBodyAsString().split("&")) {
                    if (pair.startsWith("To=")) {
                        smsSends.computeIfAbsent(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }
        });
    }

    private void configureTenant() throws Exception {
        assertThat(hub.call("PUT", "/admin/v1/tenants/" + TENANT, OPS, "{\"name\":\"Fallback Motors\"}").statusCode())
                .isEqualTo(201);
        List<String> connectors = new ArrayList<>(List.of(
                "/connectors/whatsapp", "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + PHONE_NUMBER_ID
                        + "\",\"wabaId\":\"102290129340398\"},\"secrets\":{\"accessToken\":\"EAAG-fallback\","
                        + "\"appSecret\":\"s\",\"verifyToken\":\"v\"}}",
                "/connectors/sms", "{\"enabled\":true,\"settings\":{\"accountSid\":\"" + ACCOUNT_SID
                        + "\",\"fromNumber\":\"+3197010251234\"},\"secrets\":{\"authToken\":\"" + "a".repeat(32)
                        + "\"}}"));
        for (int i = 0; i < connectors.size(); i += 2) {
            HttpResponse<String> r = hub.call("PUT", "/admin/v1/tenants/" + TENANT + connectors.get(i), OPS,
                    connectors.get(i + 1));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

}
