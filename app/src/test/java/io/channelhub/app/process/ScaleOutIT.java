package io.channelhub.app.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.channelhub.app.support.ArtemisPair;
import io.channelhub.app.support.DeadLetters;
import io.channelhub.app.support.HubProcess;
import io.channelhub.app.support.Load;
import io.channelhub.app.support.PostgresCondition;
import io.channelhub.app.support.ReliabilityFigures;
import io.channelhub.app.support.S3Server;
import io.channelhub.app.support.WhatsAppWebhooks;
import io.channelhub.core.model.HubJson;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 19, the production shape as processes: two packaged hubs on one PostgreSQL schema, an Artemis primary/backup
 * pair on a shared store (from the Artemis distribution), media in an S3 API server (s3proxy), the WhatsApp Graph
 * API a WireMock here, a tenant's mailbox GreenMail. First what must hold between the hubs: a token made on one
 * works on the other, media fetched by one is served by the other and erased from both. Then, under a load of
 * signed webhooks, submissions and mail through both hubs: the hubs are killed with SIGKILL at random moments
 * (each restarted, never both down) and the primary broker once. Every webhook answered 2xx reaches
 * {@code hub.inbound}; every submission answered 202 reaches the provider, in its conversation's order; every mail
 * becomes exactly one canonical message; the mailbox and housekeeping locks pass to the surviving hub. Last, a
 * connector disabled on one hub stops sends through the other within the stated bound. Figures go to
 * {@code target/reliability/scale-out.txt}; the random moments come from {@code -Dscale.seed}.
 */
@ExtendWith(PostgresCondition.class)
class ScaleOutIT {
    static final String OPS = "ops-scale-out-token-0123456789";
    static final String PLATFORM = "platform-scale-out-token-0123456789";
    static final String TENANT = "scale-dealer";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String APP_SECRET = "scale-out-app-secret";
    static final String MAILBOX = "dealer@scale.test";
    static final String MAIL_PASSWORD = "mailbox-Pa55-word";
    static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String DB_USER = System.getProperty("hub.test.postgres.user", "postgres");
    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    /** The caches' own expiry: the bound when a change announcement is lost; announced changes hold in well under it. */
    static final Duration CACHE_BOUND = Duration.ofSeconds(10);
    static final int INBOUND_CONTACTS = 8;
    static final int OUTBOUND_CONVERSATIONS = 6;
    static final int MAILS = 30;
    static final long PACE_MILLIS = 40;
    /** Long enough for redeliveries and for a conversation to get past a submission a kill left unqueued (1 min). */
    static final Duration QUIESCENCE_TIMEOUT = Duration.ofSeconds(150);

    final HttpClient http = HttpClient.newHttpClient();
    final Load load = new Load(PACE_MILLIS);
    final AtomicBoolean consumerRunning = new AtomicBoolean(true);
    final List<Thread> threads = new ArrayList<>();
    final long begin = System.nanoTime();

    // what the hubs accepted
    final Map<String, Long> ackedWamids = new ConcurrentHashMap<>();
    final Map<String, Submitted> accepted = new ConcurrentHashMap<>(); // hub id → conversation and sequence
    final Set<Integer> mailsSent = ConcurrentHashMap.newKeySet();
    // what came out
    final Map<String, AtomicInteger> inboundSeen = new ConcurrentHashMap<>();
    final Map<Integer, Set<String>> mailMessages = new ConcurrentHashMap<>(); // mail n → hub ids it became
    final Map<String, List<String>> sendsByContact = new ConcurrentHashMap<>(); // to → hub ids in arrival order
    final Map<String, Long> firstSentAt = new ConcurrentHashMap<>();
    final Map<String, JsonNode> mediaMessages = new ConcurrentHashMap<>(); // wamid → canonical message
    final Map<Integer, String> otherAnswers = new ConcurrentHashMap<>();
    final AtomicInteger inboundRequests = new AtomicInteger();
    final List<String> lockHolders = new CopyOnWriteArrayList<>(); // "ms name holder" as sampled
    final List<String> events = new CopyOnWriteArrayList<>();

    Path dir;
    String schema;
    ArtemisPair brokers;
    S3Server s3;
    WireMockServer graph;
    GreenMail mail;
    final List<HubProcess> hubs = new ArrayList<>();
    Thread mailer;

    record Submitted(String to, int seq) {
    }

    @AfterEach
    void stop() throws Exception {
        load.stop();
        consumerRunning.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
        hubs.forEach(HubProcess::close);
        if (brokers != null) {
            brokers.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (graph != null) {
            graph.stop();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void twoHubsOnAnArtemisPairShareStateAndSurviveKillsOfEitherHubAndThePrimaryBroker() throws Exception {
        long seed = Long.getLong("scale.seed", System.nanoTime());
        Random random = new Random(seed);
        dir = Files.createTempDirectory("hub-scale-out-");
        schema = emptySchema();
        brokers = new ArtemisPair(dir.resolve("brokers")).start();
        s3 = new S3Server(dir.resolve("s3")).start();
        startGraphStub();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(MAILBOX, MAILBOX, MAIL_PASSWORD);
        startHubs();
        HubProcess a = hubs.get(0);
        HubProcess b = hubs.get(1);
        event("hubs up (a pid " + a.pid() + ", b pid " + b.pid() + ")");

        configureTenant(a);
        startInboundConsumer();
        String tokenFigure = aTokenMadeOnOneHubWorksOnTheOther(a, b);
        String mediaFigure = mediaFetchedByOneHubIsServedByTheOtherAndErasedFromBoth(a, b);

        // ---- load through both hubs, kills of either hub and of the primary broker ----
        for (int i = 0; i < 2; i++) {
            load.start("inbound-" + i, this::postWebhook);
        }
        for (int c = 0; c < OUTBOUND_CONVERSATIONS; c++) {
            String to = "+3162300" + String.format("%04d", c);
            AtomicInteger seq = new AtomicInteger();
            load.start("outbound-" + c, () -> submit(to, seq));
        }
        startMail();
        startLockSampler();

        List<String> plan = new ArrayList<>(List.of("hub-a", "hub-b", "hub-a", "broker"));
        for (String victim : plan) {
            Thread.sleep(4_000 + random.nextInt(4_000));
            if (victim.equals("broker")) {
                event("kill -9 primary broker");
                brokers.killPrimary();
                brokers.awaitBackupActive(Duration.ofSeconds(60));
                event("backup active");
            } else {
                HubProcess hub = victim.equals("hub-a") ? a : b;
                event("kill -9 " + victim + " (pid " + hub.pid() + ")");
                hub.kill();
                Thread.sleep(1_500 + random.nextInt(2_000)); // the other hub alone for a while
                hub.start(START_TIMEOUT);
                event(victim + " up (pid " + hub.pid() + ")");
            }
        }
        Thread.sleep(5_000);
        load.stop();
        mailer.join(20_000);

        boolean complete = awaitQuiescence();
        Set<String> deadLettered = DeadLetters.ids(a, TENANT, OPS);
        Set<String> inboundLost = new HashSet<>(ackedWamids.keySet());
        inboundLost.removeAll(inboundSeen.keySet());
        Set<String> outboundLost = new HashSet<>(accepted.keySet());
        outboundLost.removeAll(firstSentAt.keySet());
        outboundLost.removeAll(deadLettered);
        List<String> outOfOrder = outOfOrderConversations();
        Set<Integer> mailsLost = new HashSet<>(mailsSent);
        mailsLost.removeAll(mailMessages.keySet());
        long mailsTwice = mailMessages.values().stream().filter(ids -> ids.size() > 1).count();
        long inboundDup = inboundSeen.values().stream().filter(n -> n.get() > 1).count();
        Map<String, Set<String>> holders = holdersByLock();

        String summary = String.format("scale-out: hubs=2 brokers=primary+backup(shared store) kills=%s"
                        + " inbound acked=%d lost=%d dup=%d outbound accepted=%d lost=%d out-of-order=%d"
                        + " mails=%d lost=%d twice=%d 5xx=%d failed-connections=%d dead-letters=%d"
                        + " lock-holders=%s %s %s seed=%d runtime=%ds",
                plan, ackedWamids.size(), inboundLost.size(), inboundDup, accepted.size(), outboundLost.size(),
                outOfOrder.size(), mailsSent.size(), mailsLost.size(), mailsTwice, load.serverErrors(),
                load.failedConnections(), deadLettered.size(), holders, tokenFigure, mediaFigure, seed,
                Duration.ofNanos(System.nanoTime() - begin).toSeconds());
        ReliabilityFigures.write("scale-out.txt", summary);
        System.out.println("scale-out: events " + events);
        System.out.println("scale-out: hub a " + dispatchCounters(a));
        System.out.println("scale-out: hub b " + dispatchCounters(b));
        otherAnswers.putAll(load.examples());
        if (!otherAnswers.isEmpty()) {
            System.out.println("scale-out: unexpected answers " + otherAnswers);
        }

        assertThat(complete).as("everything accepted came out (hub logs %s, %s; brokers %s)", a.log(), b.log(),
                brokers.log("backup")).isTrue();
        assertThat(ackedWamids).as("webhooks acknowledged").isNotEmpty();
        assertThat(accepted).as("submissions accepted").isNotEmpty();
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(inboundLost).as("acknowledged webhooks never on hub.inbound").isEmpty();
            soft.assertThat(outboundLost).as("accepted submissions neither sent nor dead-lettered").isEmpty();
            soft.assertThat(outOfOrder).as("conversations whose sends left their order").isEmpty();
            soft.assertThat(mailsLost).as("mails that became no message").isEmpty();
            soft.assertThat(mailsTwice).as("mails that became two messages").isZero();
            soft.assertThat(holders.get("mailbox")).as("hubs that polled the mailbox").hasSize(2);
            soft.assertThat(holders.get("housekeeping")).as("hubs that ran housekeeping").hasSize(2);
        });

        ReliabilityFigures.write("scale-out-connector-bound.txt", "scale-out: "
                + aConnectorDisabledOnOneHubStopsSendsThroughTheOther(a, b));
    }

    // ---- what the hubs share ---------------------------------------------------------------------------

    private String aTokenMadeOnOneHubWorksOnTheOther(HubProcess a, HubProcess b) throws Exception {
        HttpResponse<String> made = a.call("POST", "/admin/v1/tokens", OPS, "{\"name\":\"crm\",\"role\":\"platform\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String crm = HubJson.mapper().readTree(made.body()).path("token").asText();
        String probe = "/api/v1/tenants/" + TENANT + "/messages/" + UUID.randomUUID();
        long madeAt = System.nanoTime();
        await().atMost(CACHE_BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> b.call("GET", probe, crm, null).statusCode() == 404);
        long acceptedAfter = Duration.ofNanos(System.nanoTime() - madeAt).toMillis();

        // B has it cached now; revoked on A, refused on B
        assertThat(b.call("DELETE", "/admin/v1/tokens/crm", OPS, null).statusCode()).isEqualTo(204);
        long revokedAt = System.nanoTime();
        await().atMost(CACHE_BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> a.call("GET", probe, crm, null).statusCode() == 401);
        long refusedAfter = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();
        return "token-made-on-A-accepted-on-B-after=" + acceptedAfter + "ms revoked-on-B-refused-on-A-after="
                + refusedAfter + "ms";
    }

    private String mediaFetchedByOneHubIsServedByTheOtherAndErasedFromBoth(HubProcess a, HubProcess b)
            throws Exception {
        byte[] jpeg = new byte[50_000];
        new Random(7).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        String mediaId = "7771234567890";
        String download = "/whatsapp_business/attachments/?mid=" + mediaId;
        graph.stubFor(get(urlPathEqualTo("/v26.0/" + mediaId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"url\":\"" + graph.baseUrl() + download
                        + "\",\"mime_type\":\"image/jpeg\",\"file_size\":" + jpeg.length + ",\"id\":\"" + mediaId
                        + "\"}")));
        graph.stubFor(get(urlPathEqualTo("/whatsapp_business/attachments/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        String contact = "31688800001";
        String wamid = "wamid.MEDIA.1";
        String message = "{\"from\":\"" + contact + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"image\",\"image\":{\"id\":\"" + mediaId
                + "\",\"mime_type\":\"image/jpeg\",\"caption\":\"Kras op de deur\"}}";
        assertThat(WhatsAppWebhooks.post(a, TENANT, APP_SECRET, WhatsAppWebhooks.envelope(PHONE_NUMBER_ID, contact,
                message)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> mediaMessages.containsKey(wamid));
        String url = mediaMessages.get(wamid).path("content").path("url").asText();
        String path = URI.create(url).getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        Path object = dir.resolve("s3/blobs/scale-out-media").resolve(TENANT).resolve(id);
        assertThat(object).as("in the shared store").hasBinaryContent(jpeg);

        HttpResponse<byte[]> servedByB = http.send(HttpRequest.newBuilder(URI.create(b.url(path)))
                .header("Authorization", "Bearer " + PLATFORM).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(servedByB.statusCode()).isEqualTo(200);
        assertThat(servedByB.body()).isEqualTo(jpeg);

        HttpResponse<String> erased = b.call("DELETE", "/admin/v1/tenants/" + TENANT + "/contacts/%2B" + contact,
                OPS, null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(HubJson.mapper().readTree(erased.body()).path("mediaErased").asInt()).isEqualTo(1);
        assertThat(a.call("GET", path, PLATFORM, null).statusCode()).as("gone on A too").isEqualTo(404);
        assertThat(object).doesNotExist();
        return "media: fetched-by-A served-by-B erased-on-B gone-on-A";
    }

    private String aConnectorDisabledOnOneHubStopsSendsThroughTheOther(HubProcess a, HubProcess b) throws Exception {
        assertThat(a.call("POST", "/admin/v1/tenants/" + TENANT + "/connectors/whatsapp/disable", OPS, null)
                .statusCode()).isEqualTo(200);
        long disabledAt = System.nanoTime();
        List<String> after = new ArrayList<>();
        long lastSentMillis = -1;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = b.call("POST", "/api/v1/tenants/" + TENANT + "/messages", PLATFORM,
                    template("+31623999999", i));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            after.add(HubJson.mapper().readTree(r.body()).path("id").asText());
            Thread.sleep(100);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> after.stream().noneMatch(id -> status(b, id).equals("accepted")));
        for (String id : after) {
            Long sent = firstSentAt.get(id);
            if (sent != null) {
                lastSentMillis = Math.max(lastSentMillis, sent);
            }
        }
        long disabledMillis = Duration.ofNanos(disabledAt - begin).toMillis();
        long sentAfterDisable = after.stream().filter(firstSentAt::containsKey).count();
        long rejected = after.stream().filter(id -> status(b, id).equals("rejected")).count();
        assertThat(lastSentMillis < 0 ? 0 : lastSentMillis - disabledMillis).as("last send after the disable (ms)")
                .isLessThanOrEqualTo(CACHE_BOUND.toMillis());
        assertThat(rejected + sentAfterDisable).isEqualTo(after.size());
        return "disabled-on-A: submitted-on-B=" + after.size() + " sent=" + sentAfterDisable + " rejected=" + rejected
                + " last-send-after-disable=" + (lastSentMillis < 0 ? "none" : (lastSentMillis - disabledMillis) + "ms");
    }

    // ---- processes and stubs ---------------------------------------------------------------------------

    private void startHubs() {
        // every instance decrypts the connector secrets the other stored: one master key for the cluster
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String masterKey = java.util.Base64.getEncoder().encodeToString(key);
        for (String name : List.of("a", "b")) {
            Map<String, String> p = new HashMap<>();
            p.put("hub.master-key", masterKey);
            p.putAll(brokers.hubProperties());
            p.putAll(s3.hubProperties("scale-out-media"));
            p.put("spring.datasource.url", DATABASE + "?currentSchema=" + schema);
            p.put("spring.datasource.username", DB_USER);
            p.put("spring.datasource.password", "");
            p.put("spring.flyway.schemas", schema);
            p.put("spring.flyway.default-schema", schema);
            p.put("hub.channels.whatsapp.base-url", graph.baseUrl());
            p.put("hub.polling.tick", "250");
            p.put("hub.housekeeping.period", "2000");
            p.put("hub.housekeeping.delay", "1000");
            p.put("hub.security.tokens[0].name", "ops");
            p.put("hub.security.tokens[0].role", "ops");
            p.put("hub.security.tokens[0].token", OPS);
            p.put("hub.security.tokens[1].name", "platform");
            p.put("hub.security.tokens[1].role", "platform");
            p.put("hub.security.tokens[1].token", PLATFORM);
            hubs.add(new HubProcess(dir.resolve("hub-" + name), p));
        }
        CompletableFuture.allOf(hubs.stream().map(h -> CompletableFuture.runAsync(() -> h.start(START_TIMEOUT)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void startGraphStub() {
        graph = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
                .disableRequestJournal());
        graph.start();
        graph.stubFor(get(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + PHONE_NUMBER_ID + "\"}")));
        graph.stubFor(post(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT.{{randomValue type='UUID'}}\"}]}")
                .withTransformers("response-template")));
        // the WhatsApp sender puts the hub id in biz_opaque_callback_data: sends are recorded per contact, in order
        graph.addMockServiceRequestListener((request, response) -> {
            if (RequestMethod.POST.equals(request.getMethod()) && request.getUrl().endsWith("/messages")) {
                try {
                    JsonNode body = HubJson.mapper().readTree(request.getBodyAsString());
                    String hubId = body.path("biz_opaque_callback_data").asText("");
                    sendsByContact.computeIfAbsent("+" + body.path("to").asText(), k -> new CopyOnWriteArrayList<>())
                            .add(hubId);
                    firstSentAt.putIfAbsent(hubId, millis());
                } catch (IOException e) {
                    otherAnswers.putIfAbsent(-2, "unreadable send " + e);
                }
            }
        });
    }

    private void configureTenant(HubProcess hub) throws Exception {
        assertThat(hub.call("PUT", "/admin/v1/tenants/" + TENANT, OPS, "{\"name\":\"Scale Out Motors\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> whatsapp = hub.call("PUT", "/admin/v1/tenants/" + TENANT + "/connectors/whatsapp", OPS,
                "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"wabaId\":\"102290129340398\"},"
                        + "\"secrets\":{\"accessToken\":\"EAAG-scale-token\",\"appSecret\":\"" + APP_SECRET + "\","
                        + "\"verifyToken\":\"v\"}}");
        assertThat(whatsapp.statusCode()).as(whatsapp.body()).isEqualTo(200);
        HttpResponse<String> email = hub.call("PUT", "/admin/v1/tenants/" + TENANT + "/connectors/email", OPS, """
                {"enabled":true,
                 "settings":{"fromAddress":"%s","smtpHost":"127.0.0.1","smtpPort":"%d","smtpSecurity":"none",
                             "imapHost":"127.0.0.1","imapPort":"%d","imapSecurity":"none","username":"%s",
                             "pollSeconds":"5"},
                 "secrets":{"password":"%s"}}""".formatted(MAILBOX, mail.getSmtp().getPort(),
                mail.getImap().getPort(), MAILBOX, MAIL_PASSWORD));
        assertThat(email.statusCode()).as(email.body()).isEqualTo(200);
    }

    private static String emptySchema() throws Exception {
        String name = "hub_scale_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection c = DriverManager.getConnection(DATABASE, DB_USER, "")) {
            c.createStatement().execute("create schema " + name);
        }
        return name;
    }

    // ---- load ------------------------------------------------------------------------------------------

    /** Through the hubs in turn, as a load balancer would. */
    private HubProcess next(int n) {
        return hubs.get(n % 2);
    }

    private void postWebhook() throws Exception {
        int n = inboundRequests.incrementAndGet();
        String wamid = "wamid.SCALE." + n;
        String from = "3161300" + String.format("%04d", n % INBOUND_CONTACTS);
        HttpResponse<String> answer = WhatsAppWebhooks.post(next(n), TENANT, APP_SECRET,
                WhatsAppWebhooks.text(PHONE_NUMBER_ID, from, wamid, "Bericht " + n));
        if (answer.statusCode() / 100 == 2) {
            ackedWamids.put(wamid, millis());
        } else {
            load.notAccepted(answer);
        }
    }

    /** One conversation's submissions, one at a time: the order the hub accepts them in is {@code seq}'s. */
    private void submit(String to, AtomicInteger seq) throws Exception {
        int s = seq.incrementAndGet();
        HttpResponse<String> answer = next(s).call("POST", "/api/v1/tenants/" + TENANT + "/messages", PLATFORM,
                template(to, s));
        if (answer.statusCode() == 202) {
            accepted.put(HubJson.mapper().readTree(answer.body()).path("id").asText(), new Submitted(to, s));
        } else {
            load.notAccepted(answer);
        }
    }

    private void startMail() {
        mailer = new Thread(() -> {
            for (int n = 1; n <= MAILS && consumerRunning.get(); n++) {
                GreenMailUtil.sendTextEmail(MAILBOX, "klant" + n + "@example.test", "Proefrit " + n,
                        "scale-out mail " + n, mail.getSmtp().getServerSetup());
                mailsSent.add(n);
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "mail");
        mailer.start();
    }

    /** Who holds the mailbox and housekeeping locks, sampled from the shared database. */
    private void startLockSampler() {
        Thread t = new Thread(() -> {
            try (java.sql.Connection c = DriverManager.getConnection(DATABASE + "?currentSchema=" + schema, DB_USER,
                    "")) {
                while (consumerRunning.get()) {
                    try (ResultSet rs = c.createStatement().executeQuery("select name, locked_by from shedlock")) {
                        while (rs.next()) {
                            String sample = rs.getString(1).replaceAll(":.*", "") + " " + rs.getString(2);
                            if (lockHolders.isEmpty() || !lockHolders.contains(sample)) {
                                lockHolders.add(sample);
                            }
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                otherAnswers.putIfAbsent(-3, "lock sampler: " + e);
            }
        }, "lock-sampler");
        threads.add(t);
        t.start();
    }

    /** Which hub processes (by pid, across restarts) held each lock. */
    private Map<String, Set<String>> holdersByLock() {
        Map<String, Set<String>> holders = new HashMap<>();
        for (String sample : lockHolders) {
            String[] parts = sample.split(" ", 2);
            holders.computeIfAbsent(parts[0], k -> new HashSet<>()).add(hubOf(parts[1]));
        }
        return holders;
    }

    private final Map<Long, String> pidToHub = new ConcurrentHashMap<>();

    private String hubOf(String lockedBy) {
        long pid = Long.parseLong(lockedBy.substring(0, lockedBy.indexOf('@')));
        return pidToHub.getOrDefault(pid, "pid " + pid);
    }

    private void event(String what) {
        events.add(millis() + "ms " + what);
        for (int i = 0; i < hubs.size(); i++) {
            try {
                pidToHub.put(hubs.get(i).pid(), i == 0 ? "a" : "b");
            } catch (RuntimeException notStarted) {
                // between a kill and its restart
            }
        }
    }

    // ---- the core platform's consumer of hub.inbound ----------------------------------------------------

    private void startInboundConsumer() {
        Thread t = new Thread(() -> {
            while (consumerRunning.get()) {
                AtomicBoolean broken = new AtomicBoolean();
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokers.url(), ArtemisPair.USER,
                        ArtemisPair.PASSWORD);
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
                        seen(canonical);
                        m.acknowledge();
                    }
                } catch (Exception e) {
                    // failing over, or down: connect again
                }
                sleepQuietly(250);
            }
        }, "hub.inbound-consumer");
        threads.add(t);
        t.start();
    }

    private void seen(JsonNode canonical) {
        String channel = canonical.path("channel").asText();
        String providerId = canonical.path("providerMessageId").asText("");
        if (channel.equals("email")) {
            String text = canonical.path("content").path("text").asText("");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("scale-out mail (\\d+)").matcher(text);
            if (m.find()) {
                mailMessages.computeIfAbsent(Integer.parseInt(m.group(1)), k -> ConcurrentHashMap.newKeySet())
                        .add(canonical.path("id").asText());
            }
        } else if (canonical.path("content").path("type").asText().equals("media")) {
            mediaMessages.put(providerId, canonical);
        } else {
            inboundSeen.computeIfAbsent(providerId, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    // ---- the end ---------------------------------------------------------------------------------------

    private boolean awaitQuiescence() throws InterruptedException {
        long deadline = System.nanoTime() + QUIESCENCE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> unsent = new HashSet<>(accepted.keySet());
            unsent.removeAll(firstSentAt.keySet());
            if (inboundSeen.keySet().containsAll(ackedWamids.keySet()) && unsent.isEmpty()
                    && mailMessages.keySet().containsAll(mailsSent)) {
                Thread.sleep(3_000); // late duplicates
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Per conversation, the accepted submissions' first sends must come in the order they were accepted. */
    private List<String> outOfOrderConversations() {
        List<String> wrong = new ArrayList<>();
        sendsByContact.forEach((to, ids) -> {
            List<Integer> seqs = ids.stream().distinct().map(accepted::get).filter(java.util.Objects::nonNull)
                    .map(Submitted::seq).toList();
            for (int i = 1; i < seqs.size(); i++) {
                if (seqs.get(i) < seqs.get(i - 1)) {
                    wrong.add(to + " " + seqs);
                    break;
                }
            }
        });
        return wrong;
    }

    // ---- requests --------------------------------------------------------------------------------------

    private static String template(String to, int seq) {
        return "{\"channel\":\"whatsapp\",\"to\":\"" + to + "\",\"content\":{\"type\":\"template\","
                + "\"name\":\"order_update\",\"language\":\"nl\",\"parameters\":[\"" + seq + "\"]}}";
    }

    private String status(HubProcess hub, String id) {
        try {
            return HubJson.mapper().readTree(hub.call("GET", "/api/v1/tenants/" + TENANT + "/messages/" + id,
                    PLATFORM, null).body()).path("status").asText();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** What dispatch did on a hub (since its last start): why it waited and how often it retried. */
    private static List<String> dispatchCounters(HubProcess hub) {
        try {
            return hub.call("GET", "/actuator/prometheus", OPS, null).body().lines()
                    .filter(l -> l.startsWith("hub_dispatch_") || l.startsWith("hub_provider_call_seconds_count"))
                    .toList();
        } catch (Exception e) {
            return List.of("unreadable: " + e);
        }
    }

    private long millis() {
        return Duration.ofNanos(System.nanoTime() - begin).toMillis();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
