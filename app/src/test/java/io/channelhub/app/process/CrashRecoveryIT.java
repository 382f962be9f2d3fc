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
import io.channelhub.app.support.DeadLetters;
import io.channelhub.app.support.HubProcess;
import io.channelhub.app.support.Load;
import io.channelhub.app.support.ReliabilityFigures;
import io.channelhub.app.support.WhatsAppWebhooks;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, crash: the packaged hub under a steady load of signed WhatsApp webhooks and outbound API
 * submissions is killed with SIGKILL at a random moment, ten times, and restarted on the same data
 * directory (Artemis journal and H2 file) and the same ports. Every webhook answered 2xx must reach
 * {@code hub.inbound}; every submission answered 202 must reach the provider (a WireMock Graph API in this
 * JVM) or the dead letters. Requests that fail (connection refused or reset by the kill, 5xx) were not
 * accepted and are counted apart. Duplicates are allowed (at-least-once) and reported.
 *
 * <p>The random moments come from {@code -Dcrash.seed} (printed; defaults to the clock). The summary is
 * written to {@code target/reliability/crash.txt}.
 */
class CrashRecoveryIT {
    static final String OPS = "ops-crash-token-0123456789";
    static final String PLATFORM = "platform-crash-token-0123456789";
    static final String TENANT = "crash-dealer";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String APP_SECRET = "crash-app-secret";
    static final int CYCLES = 10;
    static final int INBOUND_THREADS = 3;
    static final int OUTBOUND_THREADS = 2;
    /** Contacts on each side: enough conversations for concurrency, few enough that order gates are exercised. */
    static final int CONTACTS = 12;
    /** Upper bounds on the whole run, whatever the machine's speed. */
    static final int MAX_INBOUND_REQUESTS = 10_000;
    static final int MAX_OUTBOUND_REQUESTS = 5_000;
    /** Pause after each request: a steady load, not a flood (2 shared cores). */
    static final long PACE_MILLIS = 15;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * After the load: long enough for redeliveries and for a submission the kill left recorded but never queued
     * to be queued again by the message waiting behind it (DispatchOutcomes.NEVER_QUEUED_GRACE, one minute).
     */
    static final Duration QUIESCENCE_TIMEOUT = Duration.ofSeconds(120);
    static final Duration IDLE_LIMIT = Duration.ofSeconds(75);

    final Load load = new Load(PACE_MILLIS);
    final AtomicBoolean consumerRunning = new AtomicBoolean(true);
    final List<Thread> threads = new ArrayList<>();

    // what the hub accepted
    final Map<String, Long> ackedWamids = new ConcurrentHashMap<>(); // wamid → when answered (ms into the run)
    final Map<String, Long> acceptedIds = new ConcurrentHashMap<>(); // hub id → when answered
    // what came out of it
    final Map<String, AtomicInteger> inboundSeen = new ConcurrentHashMap<>();
    final Map<String, Set<String>> inboundHubIds = new ConcurrentHashMap<>(); // wamid → hub ids it came with
    final Map<String, AtomicInteger> providerSends = new ConcurrentHashMap<>();
    final AtomicInteger inboundRequests = new AtomicInteger();
    final AtomicInteger outboundRequests = new AtomicInteger();
    final AtomicInteger jmsReconnects = new AtomicInteger();

    final List<Long> killedAt = new ArrayList<>(); // ms into the run
    final long begin = System.nanoTime();
    WireMockServer graph;
    HubProcess hub;

    @AfterEach
    void stop() throws InterruptedException {
        load.stop();
        consumerRunning.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
        if (hub != null) {
            hub.close();
        }
        if (graph != null) {
            graph.stop();
        }
    }

    @Test
    void killNineUnderLoadLosesNoAcceptedMessage() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        startGraphStub();
        Path dataDir = Files.createTempDirectory("hub-crash-");
        hub = new HubProcess(dataDir, Map.of(
                "hub.channels.whatsapp.base-url", graph.baseUrl(),
                "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                "hub.security.tokens[0].token", OPS,
                "hub.security.tokens[1].name", "platform", "hub.security.tokens[1].role", "platform",
                "hub.security.tokens[1].token", PLATFORM)).start(START_TIMEOUT);
        configureTenant();

        startInboundConsumer();
        for (int i = 0; i < INBOUND_THREADS; i++) {
            load.start("inbound-" + i, this::postWebhook);
        }
        for (int i = 0; i < OUTBOUND_THREADS; i++) {
            load.start("outbound-" + i, this::submitOutbound);
        }

        List<Long> restartMillis = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            Thread.sleep(3_000 + random.nextInt(3_000)); // load runs; the kill lands at a random moment of it
            hub.kill();
            killedAt.add(millis());
            long restart = System.nanoTime();
            hub.start(START_TIMEOUT);
            restartMillis.add(Duration.ofNanos(System.nanoTime() - restart).toMillis());
        }
        Thread.sleep(1_000); // some load against the hub after its last restart, then the load stops
        load.stop();

        boolean complete = awaitQuiescence();
        Set<String> deadLettered = DeadLetters.ids(hub, TENANT, OPS);

        Set<String> inboundLost = new HashSet<>(ackedWamids.keySet());
        inboundLost.removeAll(inboundSeen.keySet());
        long inboundDup = inboundSeen.values().stream().filter(n -> n.get() > 1).count();
        Set<String> outboundLost = new HashSet<>(acceptedIds.keySet());
        outboundLost.removeAll(providerSends.keySet());
        outboundLost.removeAll(deadLettered);
        long outboundDup = providerSends.values().stream().filter(n -> n.get() > 1).count();

        String summary = String.format(
                "crash: cycles=%d inbound acked=%d lost=%d dup=%d outbound accepted=%d lost=%d dup=%d 5xx=%d"
                        + " failed-connections=%d other=%d dead-letters=%d seed=%d runtime=%ds restart-avg=%dms",
                CYCLES, ackedWamids.size(), inboundLost.size(), inboundDup, acceptedIds.size(), outboundLost.size(),
                outboundDup, load.serverErrors(), load.failedConnections(), load.otherAnswers(), deadLettered.size(),
                seed, Duration.ofNanos(System.nanoTime() - begin).toSeconds(),
                (long) restartMillis.stream().mapToLong(Long::longValue).average().orElse(0));
        ReliabilityFigures.write("crash.txt", summary);
        if (!load.examples().isEmpty()) {
            System.out.println("crash: unexpected answers " + load.examples());
        }
        if (!inboundLost.isEmpty()) {
            System.out.println("crash: inbound lost " + timed(inboundLost, ackedWamids));
        }
        if (!outboundLost.isEmpty()) {
            System.out.println("crash: outbound lost " + timed(outboundLost, acceptedIds));
        }
        System.out.println("crash: kills at ms " + killedAt + "; jms reconnects " + jmsReconnects
                + "; inbound duplicates (wamid → hub ids) "
                + inboundSeen.entrySet().stream().filter(e -> e.getValue().get() > 1).limit(20)
                        .map(e -> e.getKey() + "×" + e.getValue() + inboundHubIds.get(e.getKey()))
                        .collect(Collectors.joining(", ")));
        if (!complete) {
            System.out.println("crash: not quiescent within " + QUIESCENCE_TIMEOUT + "; hub log " + hub.log());
        }

        assertThat(killedAt).hasSize(CYCLES);
        assertThat(ackedWamids).as("webhooks acknowledged").isNotEmpty();
        assertThat(acceptedIds).as("submissions accepted").isNotEmpty();
        String lostOutbound = outboundLost.isEmpty() ? "" : describe(outboundLost);
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(inboundLost).as("acknowledged webhooks never on hub.inbound (%s)", hub.log()).isEmpty();
            soft.assertThat(outboundLost).as("accepted messages neither sent nor dead-lettered: %s (%s)",
                    lostOutbound, hub.log()).isEmpty();
        });
    }

    // ---- the provider -------------------------------------------------------------------------------

    private void startGraphStub() {
        graph = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(40).disableRequestJournal());
        graph.start();
        graph.stubFor(get(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + PHONE_NUMBER_ID + "\"}")));
        graph.stubFor(post(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT.{{randomValue type='UUID'}}\"}]}")
                .withTransformers("response-template")));
        // The WhatsApp sender puts the hub id in biz_opaque_callback_data: every send is counted per hub id.
        graph.addMockServiceRequestListener((request, response) -> {
            if (RequestMethod.POST.equals(request.getMethod()) && request.getUrl().endsWith("/messages")) {
                try {
                    String hubId = HubJson.mapper().readTree(request.getBodyAsString())
                            .path("biz_opaque_callback_data").asText("");
                    providerSends.computeIfAbsent(hubId, k -> new AtomicInteger()).incrementAndGet();
                } catch (IOException e) {
                    providerSends.computeIfAbsent("unreadable", k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
    }

    private void configureTenant() throws Exception {
        assertThat(hub.call("PUT", "/admin/v1/tenants/" + TENANT, OPS, "{\"name\":\"Crash Test Motors\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> connector = hub.call("PUT", "/admin/v1/tenants/" + TENANT + "/connectors/whatsapp", OPS,
                "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"wabaId\":\"102290129340398\"},"
                        + "\"secrets\":{\"accessToken\":\"EAAG-crash-token\",\"appSecret\":\"" + APP_SECRET + "\","
                        + "\"verifyToken\":\"v\"}}");
        assertThat(connector.statusCode()).as(connector.body()).isEqualTo(200);
    }

    // ---- load ---------------------------------------------------------------------------------------

    private void postWebhook() throws Exception {
        int n = inboundRequests.incrementAndGet();
        if (n > MAX_INBOUND_REQUESTS) {
            Thread.sleep(200);
            return;
        }
        String wamid = "wamid.CRASH." + n;
        String from = "3161200" + String.format("%04d", n % CONTACTS);
        HttpResponse<String> answer = WhatsAppWebhooks.post(hub, TENANT, APP_SECRET,
                WhatsAppWebhooks.text(PHONE_NUMBER_ID, from, wamid, "Bericht " + n));
        if (answer.statusCode() / 100 == 2) {
            ackedWamids.put(wamid, millis());
        } else {
            load.notAccepted(answer);
        }
    }

    private void submitOutbound() throws Exception {
        int n = outboundRequests.incrementAndGet();
        if (n > MAX_OUTBOUND_REQUESTS) {
            Thread.sleep(200);
            return;
        }
        String to = "+3162200" + String.format("%04d", n % CONTACTS);
        HttpResponse<String> answer = hub.call("POST", "/api/v1/tenants/" + TENANT + "/messages", PLATFORM,
                "{\"channel\":\"whatsapp\",\"to\":\"" + to + "\",\"content\":{\"type\":\"template\","
                        + "\"name\":\"order_update\",\"language\":\"nl\",\"parameters\":[\"" + n + "\"]},"
                        + "\"metadata\":{\"n\":" + n + "}}");
        if (answer.statusCode() == 202) {
            acceptedIds.put(HubJson.mapper().readTree(answer.body()).path("id").asText(), millis());
        } else {
            load.notAccepted(answer);
        }
    }

    // ---- the core platform's consumer of hub.inbound -----------------------------------------------

    private void startInboundConsumer() {
        Thread t = new Thread(() -> {
            while (consumerRunning.get()) {
                AtomicBoolean broken = new AtomicBoolean();
                // No client-side reconnection: a killed broker ends this connection and a new one is made.
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(hub.brokerUrl()
                        + "?reconnectAttempts=0&callTimeout=5000&blockOnAcknowledge=true");
                try (factory; Connection jms = factory.createConnection()) {
                    jms.setExceptionListener(e -> broken.set(true));
                    jms.start();
                    Session session = jms.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                    MessageConsumer consumer = session.createConsumer(session.createQueue("hub.inbound"));
                    while (consumerRunning.get() && !broken.get()) {
                        Message m = consumer.receive(250);
                        if (m == null) {
                            continue;
                        }
                        JsonNode canonical = HubJson.mapper().readTree(((TextMessage) m).getText());
                        String wamid = canonical.path("providerMessageId").asText("");
                        inboundHubIds.computeIfAbsent(wamid, k -> ConcurrentHashMap.newKeySet())
                                .add(canonical.path("id").asText());
                        inboundSeen.computeIfAbsent(wamid, k -> new AtomicInteger()).incrementAndGet();
                        m.acknowledge();
                    }
                } catch (Exception e) {
                    // the hub is down or going down: connect again
                }
                if (consumerRunning.get()) {
                    jmsReconnects.incrementAndGet();
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "hub.inbound-consumer");
        threads.add(t);
        t.start();
    }

    // ---- the end ------------------------------------------------------------------------------------

    /**
     * Waits until everything accepted has come out, then a little longer for late duplicates; or, if
     * something is missing, until nothing has moved for a while (retries back off) or the time is up.
     */
    private boolean awaitQuiescence() throws Exception {
        long deadline = System.nanoTime() + QUIESCENCE_TIMEOUT.toNanos();
        long lastChange = System.nanoTime();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = inboundSeen.values().stream().mapToLong(AtomicInteger::get).sum()
                    + providerSends.values().stream().mapToLong(AtomicInteger::get).sum();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            long idle = Duration.ofNanos(System.nanoTime() - lastChange).toMillis();
            boolean complete = inboundSeen.keySet().containsAll(ackedWamids.keySet())
                    && providerSends.keySet().containsAll(acceptedIds.keySet());
            if (complete && idle > 3_000 || idle > IDLE_LIMIT.toMillis()) {
                return complete;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private long millis() {
        return Duration.ofNanos(System.nanoTime() - begin).toMillis();
    }

    /** Up to 20 lost ids with when they were answered, and how long before the next kill. */
    private String timed(Set<String> lost, Map<String, Long> answeredAt) {
        return lost.stream().sorted(java.util.Comparator.comparing(answeredAt::get)).limit(20).map(id -> {
            long at = answeredAt.get(id);
            long nextKill = killedAt.stream().filter(k -> k >= at).findFirst().orElse(-1L);
            return id + "@" + at + (nextKill < 0 ? "" : " (kill +" + (nextKill - at) + "ms)");
        }).collect(Collectors.joining(", "));
    }

    /** The hub's own view of a few lost messages, for the failure message. */
    private String describe(Set<String> lost) {
        return lost.stream().limit(5).map(id -> {
            try {
                HttpResponse<String> r = hub.call("GET", "/api/v1/tenants/" + TENANT + "/messages/" + id, PLATFORM, null);
                return id + " → " + r.statusCode() + " " + r.body();
            } catch (Exception e) {
                return id + " → " + e;
            }
        }).collect(Collectors.joining("\n", "\n", "\n"));
    }
}
