package io.channelhub.app.api;

import static io.channelhub.core.spi.ByteSplices.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.channelhub.app.consent.UnsubscribeLinks;
import io.channelhub.app.outbound.SubmissionOracle;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.JsonSlot;
import io.channelhub.routes.HubQueues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated corpus of bad input (issue #6) against every webhook and API endpoint of the running hub:
 * at least 10,000 requests from a fixed seed — real fixtures truncated at random offsets, bytes flipped,
 * invalid UTF-8 and NUL bytes spliced in, every field given every wrong JSON type, huge strings, deep
 * nesting, unicode edge cases, SQL/HTML/log/path injection in ids and fields, missing and forged
 * signatures and real HMACs over another body, wrong or missing content types, huge headers, oversized
 * bodies, methods the endpoint does not take — sent over HTTP to 127.0.0.1 with 8 requests in flight.
 *
 * <p>Every case is invalid by construction (where a mutation might have left a request valid, a generator
 * oracle — the hub's own syntax and submission rules — catches it and the case is spoiled in a way that is
 * checked after the mutated part, e.g. an over-long {@code Idempotency-Key}). So the invariants are exact:
 * no answer is a 5xx; every answer is a 4xx except where the contract says otherwise (a disabled
 * connector's webhook: 200, nothing forwarded; OPTIONS and dead-letter listings, which only read); and
 * nothing changes — no message is added to any of the broker's queues and no row of the database is
 * written. The hub is shared with the other H2 tests, so the check runs per batch: broker counters, row
 * counts of every table and the corpus tenants' rows before and after.
 *
 * <p>Writes {@code bad-input: cases=N 5xx=0 queued=0 distinct-statuses={…}} to
 * {@code target/reliability/bad-input.txt}.
 */
class BadInputCorpusTest extends H2HubTest {
    private static final long SEED = 20_261_121L;
    private static final int MIB = 1024 * 1024;
    private static final int THREADS = 8;
    private static final String MAIN = "corpus-main";
    private static final String OFF = "corpus-off";
    private static final String NOBODY = "corpus-nobody";
    private static final String WA_MAIN = "190000000000001";
    private static final String WA_OFF = "190000000000002";
    private static final String WA_SECRET = "corpus-app-secret-7f3a";
    private static final String WA_VERIFY = "corpus-verify-token";
    private static final String SMS_SID_MAIN = "AC" + "c0".repeat(16);
    private static final String SMS_SID_OFF = "AC" + "0f".repeat(16);
    private static final String SMS_TOKEN = "c0c0a0a0b0b0d0d0e0e0f0f0a1a1b1b1";
    private static final String TEST_SECRET = "corpus-signing-secret";
    private static final String MSG_PAGE_MAIN = "190000000000101";
    private static final String MSG_SECRET = "corpus-messenger-secret-4b1c";
    private static final String IG_ACCOUNT_MAIN = "17841400000000101";
    private static final String IG_SECRET = "corpus-instagram-secret-9d2e";
    private static final String RBM_AGENT = "corpus-agent";
    private static final String RBM_TOKEN = "corpus-rbm-client-token";
    private static final String TG_BOT_TOKEN = "6100000001:AAHcorpus-bot-token_main";
    private static final String TG_SECRET = "corpus-telegram-webhook-secret_5e7a";
    private static final String TG_SECRET_OFF = "corpus-telegram-off-secret_5e7b";
    private static final String TG_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final String TEST_ACCOUNT_MAIN = "acct-corpus-main";
    private static final String TEST_ACCOUNT_OFF = "acct-corpus-off";
    private static final String SPOILING_KEY = "k".repeat(300);
    private static final Pattern QUIET_HOURS = Pattern.compile(
            "([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern CLEAN = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The hub's request-thread syntax check (PayloadSyntax), for knowing which signed bodies it must refuse. */
    private static final JsonFactory SYNTAX = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();

    /** Answers other than 4xx a case may get: none, the contract's 200 for a disabled connector, or any read. */
    private enum Expect { CLIENT_ERROR, DISABLED_200, READ }

    private static final List<String> INJECTIONS = List.of("' OR 1=1--", "\" OR \"\"=\"", "1; DROP TABLE messages;--",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://x}",
            "${jndi:ldap://127.0.0.1:1/a}", "${env:HOME}", "#{7*7}", "{{7*7}}", "../../etc/passwd",
            "..\\..\\windows\\win.ini", "%2e%2e%2f", "%252e%252e%252f", "....//....//etc/passwd", "\r\nX-Injected: 1",
            "line\nINFO forged log line", "%0d%0aSet-Cookie: x=1", "\u0000", "a\u0000b", "$(id)", "`id`", "| ls", "; ls",
            "NaN", "null", "undefined", "[]", "{}", "\\", "//", "?", "#", "%", "%%", "%ZZ", "\u202Egnp.exe",
            "\uD83D\uDE00", "\uFEFF", "e\u0301\u0301\u0301", "\uD800", "\uDFFF", "\uFFFF", "\uDBFF\uDFFF", "  ", "",
            "x".repeat(5000));
    private static final List<String> PATH_TRICKS = List.of("..", ".", "..;", ";", "%2e%2e", "%2E%2E%2F", "..%2f",
            "..%5c", "%2e%2e%5c", "%252e%252e", "%c0%ae%c0%ae", "x%00y", "x;y=1", "x;jsessionid=1", "%00", "%2F",
            "a%2Fb", "%5C", "..%2F..%2Fetc%2Fpasswd", "%20", "+", "~", "%7E", "%e2%80%ae", "%ff", "%C3%A9tienne",
            "Corpus-Main", "CORPUS-MAIN", "corpus_main", "-corpus", "c", "x".repeat(64), "x".repeat(3000));

    @Autowired
    EmbeddedActiveMQ broker;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    ConnectorRepository connectorRepository;
    @Autowired
    TenantConnectors tenantConnectors;
    @Autowired
    ConnectorCatalog catalog;
    @Autowired
    UnsubscribeLinks unsubscribeLinks;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void tenThousandBadRequestsGetNoServerErrorAndChangeNothing() throws Exception {
        long started = System.nanoTime();
        setUpCorpusTenants();
        List<Case> corpus = new Generator(new Random(SEED)).all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(10_000);

        awaitQuiet();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<String> changes = new ArrayList<>();
        Map<String, List<Case>> batches = new LinkedHashMap<>();
        corpus.forEach(c -> batches.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Snapshot last = snapshot();
            for (Map.Entry<String, List<Case>> batch : batches.entrySet()) {
                List<Future<?>> running = new ArrayList<>();
                for (Case c : batch.getValue()) {
                    running.add(pool.submit(() -> {
                        int status = sendCase(c);
                        statuses.merge(String.valueOf(status), 1, Integer::sum);
                        if (status >= 500 || status < 0) {
                            serverErrors.add(c.describe(status));
                        } else if (!c.allows(status)) {
                            unexpected.add(c.describe(status));
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                Snapshot after = snapshot();
                if (!after.equals(last)) {
                    changes.add("batch " + batch.getKey() + " (" + batch.getValue().size() + " cases): "
                            + last.diff(after));
                }
                last = after;
            }
            // whatever a request might have queued would be consumed by now and show in the tables
            Thread.sleep(1500);
            Snapshot settled = snapshot();
            if (!settled.equals(last)) {
                changes.add("after the last batch: " + last.diff(settled));
            }
        } finally {
            pool.shutdownNow();
        }

        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        // a fingerprint of the corpus (without the unsubscribe links, which are signed with this run's key)
        corpus.stream().filter(c -> !c.group().equals("unsubscribe")).forEach(c -> digest.update(utf8(c.group() + c.label() + c.request().method()
                + c.request().uri().getRawPath() + c.request().uri().getRawQuery())));
        String summary = "bad-input: cases=" + corpus.size() + " 5xx=" + serverErrors.size() + " queued="
                + changes.size() + " distinct-statuses=" + new TreeMap<>(statuses);
        System.out.println(summary + " unexpected=" + unexpected.size() + " batches=" + batches.size()
                + " seconds=" + (System.nanoTime() - started) / 1_000_000_000 + " corpus-sha256="
                + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        Stream.of(serverErrors, changes, unexpected).flatMap(List::stream).limit(200)
                .forEach(v -> System.out.println("bad-input violation: " + v));
        Path out = Path.of("target", "reliability", "bad-input.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, summary + "\n");

        assertThat(serverErrors).as("answers >= 500 (or no answer), %s of %s cases", serverErrors.size(), corpus.size())
                .isEmpty();
        assertThat(changes).as("queue counters or database rows changed by invalid requests").isEmpty();
        assertThat(unexpected).as("answers other than the contract's for an invalid request").isEmpty();
    }

    // ---- the corpus' tenants -------------------------------------------------------------------------

    /**
     * Two tenants with test, WhatsApp and SMS connectors: {@code corpus-main} enabled, {@code corpus-off}
     * disabled. WhatsApp and SMS are written straight to the registry: saving them over the API would run
     * their credential checks against the real providers, and this hub does not point those at the fake.
     */
    private void setUpCorpusTenants() {
        for (String t : List.of(MAIN, OFF)) {
            assertThat(send("PUT", "/admin/v1/tenants/" + t, OPS, "{\"name\":\"" + t + "\"}").statusCode())
                    .isIn(200, 201);
        }
        tenantWithTestConnector(MAIN, "test", TEST_ACCOUNT_MAIN, TEST_SECRET);
        tenantWithTestConnector(OFF, "test", TEST_ACCOUNT_OFF, TEST_SECRET);
        assertThat(send("POST", "/admin/v1/tenants/" + OFF + "/connectors/test/disable", OPS, null).statusCode())
                .isEqualTo(200);
        Map<String, String> waSecrets = Map.of("accessToken", "EAAG-corpus", "appSecret", WA_SECRET,
                "verifyToken", WA_VERIFY);
        saveConnector(MAIN, "whatsapp", true, Map.of("phoneNumberId", WA_MAIN), waSecrets);
        saveConnector(OFF, "whatsapp", false, Map.of("phoneNumberId", WA_OFF), waSecrets);
        saveConnector(MAIN, "sms", true, Map.of("accountSid", SMS_SID_MAIN, "fromNumber", "+3197010251234"),
                Map.of("authToken", SMS_TOKEN));
        saveConnector(MAIN, "messenger", true, Map.of("pageId", MSG_PAGE_MAIN),
                Map.of("pageAccessToken", "EAAG-corpus-page", "appSecret", MSG_SECRET));
        saveConnector(MAIN, "instagram", true, Map.of("instagramAccountId", IG_ACCOUNT_MAIN),
                Map.of("pageAccessToken", "IGcorpusUserToken", "appSecret", IG_SECRET));
        saveConnector(MAIN, "google", true, Map.of("agentId", RBM_AGENT,
                "serviceAccountEmail", "rbm@corpus.iam.gserviceaccount.com"),
                Map.of("serviceAccountKey", "{}", "clientToken", RBM_TOKEN));
        saveConnector(OFF, "sms", false, Map.of("accountSid", SMS_SID_OFF, "fromNumber", "+3197010251235"),
                Map.of("authToken", SMS_TOKEN));
        // Telegram: straight to the registry too, so no setWebhook goes anywhere
        saveConnector(MAIN, "telegram", true, Map.of("botUsername", "corpus_bot"),
                Map.of("botToken", TG_BOT_TOKEN, "webhookSecret", TG_SECRET));
        saveConnector(OFF, "telegram", false, Map.of("botUsername", "corpus_bot"),
                Map.of("botToken", TG_BOT_TOKEN, "webhookSecret", TG_SECRET_OFF));
    }

    private void saveConnector(String tenant, String channel, boolean enabled, Map<String, String> settings,
                               Map<String, String> secrets) {
        String routing = catalog.find(channel).orElseThrow().descriptor().routing().map(settings::get).orElse(null);
        connectorRepository.save(tenant, channel, enabled, settings,
                tenantConnectors.encryptSecrets(tenant, channel, secrets), routing, Instant.now());
        tenantConnectors.invalidate(tenant, channel);
    }

    // ---- sending and measuring -----------------------------------------------------------------------

    /** The status, or -1 when no answer came (twice: a connection reset on an oversized body is retried). */
    private int sendCase(Case c) {
        for (int attempt = 0; ; attempt++) {
            try {
                return client.send(c.request(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (attempt == 1) {
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** Waits until nothing of earlier tests is still in flight: no pending or scheduled internal messages. */
    private void awaitQuiet() {
        List<Snapshot> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Snapshot s = snapshot();
            boolean idle = Stream.of(HubQueues.INTAKE, HubQueues.DISPATCH, HubQueues.MEDIA, HubQueues.STATUS_RETRY,
                    HubQueues.OUTBOUND).map(this::queue).filter(Objects::nonNull)
                    .allMatch(q -> q.getMessageCount() == 0 && q.getScheduledCount() == 0
                            && q.getDeliveringCount() == 0);
            seen.add(s);
            int n = seen.size();
            return idle && n >= 3 && seen.get(n - 1).equals(seen.get(n - 2)) && seen.get(n - 2).equals(seen.get(n - 3));
        });
    }

    private Queue queue(String name) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    }

    private Snapshot snapshot() {
        Map<String, Long> counters = new TreeMap<>();
        for (String name : HubQueues.ALL) {
            Queue q = queue(name);
            counters.put(name, q == null ? 0 : q.getMessagesAdded());
        }
        Map<String, Long> rows = new TreeMap<>();
        for (String table : List.of("tenants", "connectors", "api_tokens", "messages", "message_status",
                "idempotency_keys", "contacts", "usage_counters", "media", "dead_letters")) {
            rows.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        String tenants = jdbc.sql("select * from tenants where id in (?, ?) order by id").params(MAIN, OFF).query()
                .listOfRows().toString();
        String connectors = jdbc.sql("select * from connectors where tenant_id in (?, ?) order by tenant_id, channel")
                .params(MAIN, OFF).query().listOfRows().toString();
        return new Snapshot(counters, rows, tenants + connectors);
    }

    private record Snapshot(Map<String, Long> counters, Map<String, Long> rows, String corpusTenants) {
        String diff(Snapshot after) {
            List<String> d = new ArrayList<>();
            counters.forEach((k, v) -> {
                if (!v.equals(after.counters.get(k))) {
                    d.add(k + " messages added " + v + " -> " + after.counters.get(k));
                }
            });
            rows.forEach((k, v) -> {
                if (!v.equals(after.rows.get(k))) {
                    d.add(k + " rows " + v + " -> " + after.rows.get(k));
                }
            });
            if (!corpusTenants.equals(after.corpusTenants)) {
                d.add("corpus tenants/connectors " + corpusTenants + " -> " + after.corpusTenants);
            }
            return String.join("; ", d);
        }
    }

    /** One request of the corpus. */
    private record Case(String group, String label, HttpRequest request, Expect expect, int exactly) {
        boolean allows(int status) {
            if (exactly > 0) {
                return status == exactly;
            }
            return switch (expect) {
                case CLIENT_ERROR -> status >= 400 && status < 500;
                case DISABLED_200 -> status == 200 || status >= 400 && status < 500;
                case READ -> status < 500;
            };
        }

        String describe(int status) {
            String uri = request.uri().toString();
            return status + " for " + group + "/" + label + ": " + request.method() + " "
                    + (uri.length() > 300 ? uri.substring(0, 300) + "…" : uri) + " " + request.headers().map().keySet()
                    + (exactly > 0 ? " (expected " + exactly + ")" : "");
        }
    }

    // ---- the generator ---------------------------------------------------------------------------------

    /** Builds the corpus from the seed; every case is built up front so a bad URI shows here, not mid-run. */
    private final class Generator {
        private Random rnd;
        private final List<Case> cases = new ArrayList<>();
        private final List<byte[]> whatsappRaw = new ArrayList<>();
        private final List<byte[]> whatsappBodies = new ArrayList<>();
        private final List<Map<String, String>> smsForms = new ArrayList<>();
        private final List<byte[]> testBodies = new ArrayList<>();
        private final List<byte[]> messengerBodies = new ArrayList<>();
        private final List<byte[]> instagramBodies = new ArrayList<>();
        private final List<byte[]> rbmData = new ArrayList<>();
        private final List<byte[]> telegramBodies = new ArrayList<>();
        private String group;

        Generator(Random rnd) {
            this.rnd = rnd;
            for (String f : List.of("text.json", "image.json", "batch-multi-entry.json")) {
                whatsappRaw.add(fixture("whatsapp/" + f));
            }
            Path more = Path.of("..", "connectors", "whatsapp", "src", "test", "resources", "fixtures", "whatsapp",
                    "inbound");
            for (String f : List.of("audio-voice.json", "contacts.json", "document.json", "interactive-list-reply.json",
                    "location.json", "reaction.json", "referral-ad.json", "status-failed-undeliverable.json",
                    "sticker.json", "unknown-order.json", "video.json")) {
                try {
                    whatsappRaw.add(Files.readAllBytes(more.resolve(f)));
                } catch (IOException e) {
                    // the connector module's fixtures are a bonus; the app's own copies suffice
                }
            }
            whatsappRaw.forEach(raw -> whatsappBodies.add(whatsappFor(raw, WA_MAIN)));
            for (String f : List.of("sms-text.form", "mms-two-media.form", "status-delivered.form",
                    "status-undelivered-30003.form", "whatsapp-location.form", "whatsapp-button-reply.form")) {
                smsForms.add(form(new String(fixture("sms/" + f), StandardCharsets.UTF_8).strip()
                        .replace("AC3f1c0ffee0123456789abcdef0123456", SMS_SID_MAIN)));
            }
            for (String f : List.of("text.json", "image.json", "quick-reply.json", "message-unsend.json",
                    "echo-from-business-suite.json")) {
                messengerBodies.add(utf8(new String(fixture("messenger/" + f), StandardCharsets.UTF_8)
                        .replace("104958162837465", MSG_PAGE_MAIN)));
            }
            for (String f : List.of("text.json", "image.json", "quick-reply.json", "reaction.json", "story-mention.json",
                    "echo-from-instagram-app.json")) {
                instagramBodies.add(utf8(new String(fixture("instagram/" + f), StandardCharsets.UTF_8)
                        .replace("17841405822304914", IG_ACCOUNT_MAIN)));
            }
            for (String f : List.of("text.json", "user-file-image.json", "event-delivered.json",
                    "server-ttl-expiration-revoked.json")) {
                rbmData.add(utf8(new String(fixture("google/" + f), StandardCharsets.UTF_8)
                        .replace("dealer-042-agent", RBM_AGENT)));
            }
            for (String f : List.of("text.json", "text-reply.json", "photo.json", "document.json", "location.json",
                    "callback-query.json", "edited-message.json", "my-chat-member-blocked.json",
                    "my-chat-member-unblocked.json", "group-message.json")) {
                telegramBodies.add(fixture("telegram/inbound/" + f));
            }
            Path telegramMore = Path.of("..", "connectors", "telegram", "src", "test", "resources", "fixtures",
                    "telegram", "inbound");
            for (String f : List.of("animation.json", "audio.json", "contact.json", "dice.json", "sticker.json",
                    "venue.json", "video.json", "voice.json", "message-reaction.json", "channel-post.json")) {
                try {
                    telegramBodies.add(Files.readAllBytes(telegramMore.resolve(f)));
                } catch (IOException e) {
                    // the connector module's fixtures are a bonus; the app's own copies suffice
                }
            }
            testBodies.add(utf8("{\"account\":\"" + TEST_ACCOUNT_MAIN + "\",\"messages\":[{\"id\":\"pm-corpus-1\","
                    + "\"from\":\"+31612345678\",\"to\":\"+31201234567\",\"text\":\"hallo\"}]}"));
            testBodies.add(utf8("{\"account\":\"" + TEST_ACCOUNT_MAIN + "\",\"messages\":[{\"id\":\"pm-corpus-2\","
                    + "\"from\":\"+31612345678\",\"mediaId\":\"m-1\",\"mime\":\"image/jpeg\"}],\"statuses\":[{\"id\":"
                    + "\"pm-x\",\"status\":\"delivered\",\"hubId\":\"0193a6f2-7c1e-7d4b-9a1e-2f3c4d5e6f70\"}]}"));
        }

        /** Each group draws from its own stream, so a group whose size varies cannot shift the others. */
        private void group(String name) {
            group = name;
            rnd = new Random(SEED ^ name.hashCode());
        }

        List<Case> all() {
            whatsappTenantWebhooks(2600);
            whatsappPlatformWebhooks(800);
            handshakes(500);
            smsWebhooks(1500);
            metaWebhooks("messenger", messengerBodies, MSG_SECRET, 600);
            metaWebhooks("instagram", instagramBodies, IG_SECRET, 500);
            rbmWebhooks(400);
            telegramWebhooks(1200);
            telegramDisabled(40);
            testChannelWebhooks(800);
            disabledConnectors(150);
            unknownWebhookTargets(400);
            submissions(1900);
            messageAndMediaReads(900);
            tenantAdmin(700);
            connectorAdmin(700);
            unusableCredentials(300);
            nullsAndDuplicates();
            enableDisable(300);
            deadLetters(300);
            consent(400);
            audit(200);
            unsubscribe(300);
            methods(300);
            headers(150);
            oversized();
            return cases;
        }

        // ---- webhooks ------------------------------------------------------------------------------

        private void whatsappTenantWebhooks(int n) {
            group("whatsapp-tenant");
            String path = "/webhooks/whatsapp/" + MAIN;
            for (int i = 0; i < n; i++) {
                byte[] original = pick(whatsappBodies);
                Mutated body = i % 3 == 0 ? jsonTypeMutation(original) : byteMutation(original);
                signedJsonWebhook(path, "X-Hub-Signature-256", "sha256=", WA_SECRET, original, body, true);
            }
        }

        private void whatsappPlatformWebhooks(int n) {
            group("whatsapp-platform");
            for (int i = 0; i < n; i++) {
                byte[] original = pick(whatsappBodies);
                Mutated body = i % 3 == 0 ? jsonTypeMutation(original) : byteMutation(original);
                signedJsonWebhook("/webhooks/whatsapp", "X-Hub-Signature-256", "sha256=", WA_SECRET, original, body,
                        false);
            }
        }

        /** A Meta channel's webhooks (signed like WhatsApp's), per tenant and platform-wide. */
        private void metaWebhooks(String channel, List<byte[]> bodies, String secret, int n) {
            group(channel);
            for (int i = 0; i < n; i++) {
                byte[] original = pick(bodies);
                Mutated body = i % 3 == 0 ? jsonTypeMutation(original) : byteMutation(original);
                boolean platform = i % 4 == 0;
                signedJsonWebhook(platform ? "/webhooks/" + channel : "/webhooks/" + channel + "/" + MAIN,
                        "X-Hub-Signature-256", "sha256=", secret, original, body, !platform);
            }
        }

        /**
         * RBM pushes: the envelope or the data it carries changed, and the signature (base64 HMAC-SHA512 of
         * the decoded data) missing, forged or of the original data. A valid signature is never sent: the
         * data could then be well-formed enough to be queued, which a bad-input case must never be.
         */
        private void rbmWebhooks(int n) {
            group("google");
            for (int i = 0; i < n; i++) {
                byte[] original = pick(rbmData);
                boolean platform = i % 4 == 0;
                Mutated data = i % 3 == 0 ? jsonTypeMutation(original) : byteMutation(original);
                String envelope = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data.bytes)
                        + "\",\"messageId\":\"corpus-" + i + "\",\"publishTime\":\"2026-11-20T10:15:30Z\"}}";
                Mutated body = i % 5 == 0 ? byteMutation(utf8(envelope)) : new Mutated(utf8(envelope), data.label);
                List<Supplier<String>> signatures = List.of(() -> null, () -> "", () -> "AAAA",
                        () -> HmacSignatures.hmacSha512Base64(RBM_TOKEN + "x", data.bytes),
                        () -> Arrays.equals(original, data.bytes) ? null
                                : HmacSignatures.hmacSha512Base64(RBM_TOKEN, original),
                        () -> ascii(pick(INJECTIONS)), () -> "A".repeat(7000));
                String signature = pick(signatures).get();
                HttpRequest.Builder b = post(platform ? "/webhooks/google" : "/webhooks/google/" + MAIN, body.bytes)
                        .header("Content-Type", "application/json");
                if (signature != null) {
                    b.header("X-Goog-Signature", signature);
                }
                add("unsigned or forged / " + body.label, b, Expect.CLIENT_ERROR, 0);
            }
        }

        /**
         * Telegram's webhook, authenticated by the {@code X-Telegram-Bot-Api-Secret-Token} header alone (no
         * body signature): a secret that must not pass (missing, empty, off by a character, a prefix, the
         * bot token, another header, garbage) with any mutated Update: exactly 401; the right secret only
         * where the hub must still refuse the request — a content type other than {@code application/json}
         * (exactly 415) or a body its syntax check refuses (exactly 400). The right secret on a well-formed
         * Update would be queued, which no case of this corpus may be. A fifth go to the platform-wide URL,
         * which Telegram never calls (no account to route by): any 4xx. A few GETs: no handshake, 400.
         */
        private void telegramWebhooks(int n) {
            group("telegram");
            String path = "/webhooks/telegram/" + MAIN;
            for (int i = 0; i < n; i++) {
                byte[] original = pick(telegramBodies);
                Mutated body = switch (i % 6) {
                    case 0, 1 -> jsonTypeMutation(original);
                    case 2 -> fieldInjection(original);
                    default -> byteMutation(original);
                };
                String contentType = pickWeighted(List.of("application/json", "application/json; charset=utf-8",
                        "text/plain", "application/x-www-form-urlencoded", "", "application/xml", "*/*",
                        "application/json;;", "application/json; charset=utf-16", "application/jsonx", "json"), 6);
                String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
                boolean wrongType = !type.equals("application/json");
                boolean malformed = syntaxProblem(body.bytes);
                if (i % 40 == 39) {
                    HttpRequest.Builder b = get(path);
                    if (rnd.nextBoolean()) {
                        b.header(TG_HEADER, TG_SECRET);
                    }
                    add("GET, no handshake", b, Expect.CLIENT_ERROR, 400);
                    continue;
                }
                boolean platform = i % 5 == 0;
                String header = TG_HEADER;
                String secret;
                String label;
                int exactly = platform ? 0 : 401;
                if (!platform && rnd.nextInt(4) == 0 && (wrongType || malformed)) {
                    secret = TG_SECRET;
                    label = "right secret, " + (wrongType ? "wrong content type" : "malformed body");
                    exactly = wrongType ? 415 : 400;
                } else {
                    List<Supplier<String>> wrong = List.of(() -> null, () -> "", () -> flipChar(TG_SECRET),
                            () -> TG_SECRET.substring(0, TG_SECRET.length() - 1), () -> TG_SECRET + "x",
                            () -> TG_SECRET.substring(1), () -> TG_SECRET.toUpperCase(), () -> TG_SECRET_OFF,
                            () -> TG_BOT_TOKEN, () -> "sha256=" + HmacSignatures.hmacSha256Hex(TG_SECRET, body.bytes),
                            () -> ascii(pick(INJECTIONS)), () -> TG_SECRET.repeat(2), () -> "A".repeat(6000));
                    secret = pick(wrong).get();
                    if (TG_SECRET.equals(secret)) {
                        secret = null;
                    }
                    label = "wrong secret";
                    if (rnd.nextInt(8) == 0) {
                        // the right secret, but not where Telegram puts it
                        header = pick(List.of("X-Telegram-Bot-Api-Secret", "X-Telegram-Secret-Token", "Authorization",
                                "X-Hub-Signature-256"));
                        secret = header.equals("Authorization") ? "Bearer " + TG_SECRET : TG_SECRET;
                        label = "right secret in " + header;
                    }
                }
                HttpRequest.Builder b = post(platform ? "/webhooks/telegram" : path, body.bytes);
                if (!contentType.isEmpty()) {
                    b.header("Content-Type", contentType);
                }
                if (secret != null) {
                    b.header(header, secret);
                }
                add(label + " / " + body.label + " / " + contentType, b, Expect.CLIENT_ERROR, exactly);
            }
        }

        /** Genuine Updates for a tenant whose Telegram connector is disabled: 200, nothing forwarded. */
        private void telegramDisabled(int n) {
            group("telegram-disabled");
            for (int i = 0; i < n; i++) {
                byte[] body = utf8(new String(pick(telegramBodies), StandardCharsets.UTF_8)
                        .replaceFirst("\"update_id\": ?\\d+", "\"update_id\": " + (900_000_000 + i)));
                add("telegram, right secret", post("/webhooks/telegram/" + OFF, body)
                        .header("Content-Type", "application/json").header(TG_HEADER, TG_SECRET_OFF),
                        Expect.DISABLED_200, 200);
            }
        }

        private void testChannelWebhooks(int n) {
            group("test-channel");
            for (int i = 0; i < n; i++) {
                byte[] original = pick(testBodies);
                Mutated body = i % 3 == 0 ? jsonTypeMutation(original) : byteMutation(original);
                boolean platform = i % 5 == 0;
                signedJsonWebhook(platform ? "/webhooks/test" : "/webhooks/test/" + MAIN, "X-Test-Signature",
                        "sha256=", TEST_SECRET, original, body, !platform);
            }
        }

        /**
         * A JSON webhook with a signature that must not pass — missing, garbage, the right algorithm with the
         * wrong key, a real HMAC of the original body while the body was changed — or, when the hub's syntax
         * check refuses the mutated body, a valid signature (then the answer is exactly 400).
         */
        private void signedJsonWebhook(String path, String header, String prefix, String secret, byte[] original,
                                       Mutated body, boolean perTenant) {
            String contentType = pickWeighted(List.of("application/json", "application/json; charset=utf-8",
                    "text/plain", "application/x-www-form-urlencoded", "", "application/xml", "*/*", "application/json;;",
                    "multipart/form-data; boundary=x", "application/json; charset=utf-16"), 5);
            String validForSent = prefix + HmacSignatures.hmacSha256Hex(secret, body.bytes);
            boolean malformed = contentType.contains("json") && syntaxProblem(body.bytes);
            int kind = rnd.nextInt(10);
            String signature;
            String label;
            int exactly = perTenant ? 401 : 0;
            if (kind == 0 && malformed) {
                signature = validForSent;
                label = "valid signature, malformed body";
                exactly = perTenant ? 400 : 0;
            } else if (kind <= 2 && !Arrays.equals(original, body.bytes)) {
                signature = prefix + HmacSignatures.hmacSha256Hex(secret, original);
                label = "signature of the original body";
            } else {
                List<Supplier<String>> forged = List.of(() -> null, () -> "", () -> prefix,
                        () -> prefix + "00".repeat(32),
                        () -> prefix + HmacSignatures.hmacSha256Hex(secret + "x", body.bytes),
                        () -> prefix + HmacSignatures.hmacSha256Hex(secret, utf8("{\"other\":1}")),
                        () -> "sha1=" + HmacSignatures.hmacSha256Hex(secret, body.bytes),
                        () -> prefix + HmacSignatures.hmacSha256Hex(secret, body.bytes).substring(2),
                        () -> prefix + HmacSignatures.hmacSha256Hex(secret, body.bytes) + "00",
                        () -> validForSent.replace(prefix, "") ,
                        () -> prefix + "zz".repeat(32), () -> ascii(pick(INJECTIONS)),
                        () -> prefix + "a".repeat(6000));
                signature = forged.get(rnd.nextInt(forged.size())).get();
                if (validForSent.equals(signature)) {
                    signature = null;
                }
                label = "forged signature";
            }
            // platform-wide (exactly 0): 400 without an account, 404 for an unknown one, 401 otherwise
            HttpRequest.Builder b = post(path, body.bytes);
            if (!contentType.isEmpty()) {
                b.header("Content-Type", contentType);
            }
            if (signature != null) {
                b.header(header, signature);
            }
            add(label + " / " + body.label + " / " + contentType, b, Expect.CLIENT_ERROR, exactly);
        }

        private void smsWebhooks(int n) {
            group("sms");
            String path = "/webhooks/sms/" + MAIN;
            for (int i = 0; i < n; i++) {
                Map<String, String> params = pick(smsForms);
                String query = i % 7 == 0 ? pick(List.of("?hubMessageId=0193", "?hubMessageId=" + enc(pick(INJECTIONS)),
                        "?a=1&a=2", "?" + enc(pick(INJECTIONS)) + "=1", "?=", "?&&&")) : "";
                String url = url(path) + query;
                String signedUrl = i % 11 == 0 ? "https://hub.example.test" + path + query : url;
                byte[] original = encodeForm(params);
                String signature = twilioSignature(SMS_TOKEN, signedUrl, original);
                Mutated body;
                int kind = rnd.nextInt(6);
                if (kind <= 2) {
                    body = formMutation(params);
                } else if (kind <= 4) {
                    body = byteMutation(original);
                } else {
                    body = new Mutated(original, "unchanged");
                }
                String sentCanonical = twilioCanonical(url, body.bytes);
                String label;
                if (kind == 5 || rnd.nextInt(3) == 0) {
                    signature = pick(List.<Supplier<String>>of(() -> null, () -> "", () -> "bm90LXRoZS1zaWduYXR1cmU=",
                            () -> twilioSignature(SMS_TOKEN + "x", url, body.bytes),
                            () -> twilioSignature(SMS_TOKEN, url + "x", body.bytes), () -> ascii(pick(INJECTIONS)),
                            () -> "A".repeat(7000))).get();
                    label = "forged signature / " + body.label;
                } else {
                    label = "signature of the original request / " + body.label;
                }
                if (signature != null && sentCanonical != null && signedUrl.equals(url)
                        && sentCanonical.equals(twilioCanonical(url, original))
                        && signature.equals(twilioSignature(SMS_TOKEN, url, original))) {
                    signature = "bm90LXRoZS1zaWduYXR1cmU="; // the mutation changed nothing Twilio signs
                }
                String contentType = pickWeighted(List.of("application/x-www-form-urlencoded",
                        "application/x-www-form-urlencoded; charset=UTF-8", "", "application/json", "text/plain"), 6);
                HttpRequest.Builder b = post(path + query, body.bytes);
                if (!contentType.isEmpty()) {
                    b.header("Content-Type", contentType);
                }
                if (signature != null) {
                    b.header("X-Twilio-Signature", signature);
                }
                add(label + " / " + contentType, b, Expect.CLIENT_ERROR, 401);
            }
        }

        private void disabledConnectors(int n) {
            group("disabled-connector");
            for (int i = 0; i < n; i++) {
                switch (i % 5) {
                    case 0 -> {
                        byte[] body = whatsappFor(pick(whatsappRaw), WA_OFF);
                        add("whatsapp, valid signature", post("/webhooks/whatsapp/" + OFF, body)
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(WA_SECRET, body)),
                                Expect.DISABLED_200, 200);
                    }
                    case 1 -> {
                        byte[] body = whatsappFor(pick(whatsappRaw), WA_OFF);
                        add("whatsapp platform-wide, valid signature", post("/webhooks/whatsapp", body)
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(WA_SECRET, body)),
                                Expect.DISABLED_200, 200);
                    }
                    case 2 -> {
                        Map<String, String> params = new LinkedHashMap<>(pick(smsForms));
                        params.put("AccountSid", SMS_SID_OFF);
                        params.put("MessageSid", "SM" + hex(16));
                        byte[] body = encodeForm(params);
                        String url = url("/webhooks/sms/" + OFF);
                        add("sms, valid signature", post("/webhooks/sms/" + OFF, body)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("X-Twilio-Signature", twilioSignature(SMS_TOKEN, url, body)),
                                Expect.DISABLED_200, 200);
                    }
                    case 3 -> {
                        byte[] body = utf8(new String(pick(testBodies), StandardCharsets.UTF_8)
                                .replace(TEST_ACCOUNT_MAIN, TEST_ACCOUNT_OFF).replace("pm-corpus", "pm-" + hex(6)));
                        add("test, valid signature", post("/webhooks/test/" + OFF, body)
                                .header("Content-Type", "application/json")
                                .header("X-Test-Signature", "sha256=" + HmacSignatures.hmacSha256Hex(TEST_SECRET, body)),
                                Expect.DISABLED_200, 200);
                    }
                    default -> {
                        byte[] body = utf8(new String(pick(testBodies), StandardCharsets.UTF_8)
                                .replace(TEST_ACCOUNT_MAIN, TEST_ACCOUNT_OFF).replace("pm-corpus", "pm-" + hex(6)));
                        add("test platform-wide, valid signature", post("/webhooks/test", body)
                                .header("Content-Type", "application/json")
                                .header("X-Test-Signature", "sha256=" + HmacSignatures.hmacSha256Hex(TEST_SECRET, body)),
                                Expect.DISABLED_200, 200);
                    }
                }
            }
        }

        private void handshakes(int n) {
            group("handshake");
            for (int i = 0; i < n; i++) {
                String path = pick(List.of("/webhooks/whatsapp/" + MAIN, "/webhooks/whatsapp", "/webhooks/test/" + MAIN,
                        "/webhooks/sms/" + MAIN, "/webhooks/whatsapp/" + OFF));
                List<String> pairs = new ArrayList<>();
                String mode = pick(List.of("subscribe", "unsubscribe", "", "SUBSCRIBE", pick(INJECTIONS)));
                String token = pick(List.of(WA_VERIFY + "x", "", WA_VERIFY.toUpperCase(), " " + WA_VERIFY,
                        "verify-" + TEST_ACCOUNT_MAIN + "x", pick(INJECTIONS), "x".repeat(3000)));
                if (rnd.nextInt(5) > 0) {
                    pairs.add("hub.mode=" + enc(mode));
                }
                if (rnd.nextInt(5) > 0) {
                    pairs.add((rnd.nextBoolean() ? "hub.verify_token=" : "token=") + enc(token));
                }
                if (rnd.nextInt(4) > 0) {
                    String challenge = pick(INJECTIONS);
                    pairs.add((rnd.nextBoolean() ? "hub.challenge=" : "challenge=") + enc(challenge));
                }
                if (rnd.nextInt(6) == 0) {
                    pairs.add(pick(List.of("hub.mode=subscribe", "hub.verify_token=" + enc(WA_VERIFY), "=", "&", "a")));
                }
                if (pairs.contains("hub.mode=subscribe") && pairs.contains("hub.verify_token=" + enc(WA_VERIFY))
                        || pairs.contains("token=" + enc("verify-" + TEST_ACCOUNT_MAIN))) {
                    continue; // the right token: a valid handshake, not for this corpus
                }
                Collections.shuffle(pairs, rnd);
                String q = pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
                // a wrong or missing verify token: 403; a GET to a channel without handshakes: 400
                add("GET " + path, get(path + q), Expect.CLIENT_ERROR, path.contains("/sms/") ? 400 : 403);
            }
        }

        private void unknownWebhookTargets(int n) {
            group("unknown-webhook-target");
            for (int i = 0; i < n; i++) {
                String channel = pick(List.of("pigeon", "email", "testwindow", "whatsapp", "sms", "test", "WHATSAPP",
                        enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                String tenant = pick(List.of(NOBODY, enc(pick(INJECTIONS)), pick(PATH_TRICKS), "dealer-" + hex(4)));
                if (Stream.of("whatsapp", "sms", "test").anyMatch(channel::equals) && tenant.equals(NOBODY)) {
                    tenant = NOBODY + "-" + hex(2);
                }
                int shape = rnd.nextInt(4);
                String path = switch (shape) {
                    case 0 -> "/webhooks/" + channel;
                    case 1 -> "/webhooks/" + channel + "/" + MAIN + "/" + tenant;
                    default -> "/webhooks/" + channel + "/" + tenant;
                };
                if (path.equals("/webhooks/whatsapp") || path.equals("/webhooks/sms") || path.equals("/webhooks/test")) {
                    path = "/webhooks/pigeon";
                }
                byte[] body = i % 2 == 0 ? byteMutation(pick(whatsappBodies)).bytes : pick(whatsappBodies);
                HttpRequest.Builder b = rnd.nextInt(4) == 0 ? get(path) : post(path, body)
                        .header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(WA_SECRET + "x", body))
                        .header("X-Test-Signature", "sha256=" + HmacSignatures.hmacSha256Hex(TEST_SECRET + "x", body));
                // unknown channel, tenant or connector: 404 (paths with tricks may be refused earlier, with 400)
                boolean platformWideOfAChannel = shape == 0 && catalog.find(channel).isPresent();
                add(path, b, Expect.CLIENT_ERROR,
                        CLEAN.matcher(channel + tenant).matches() && !platformWideOfAChannel ? 404 : 0);
            }
        }

        // ---- platform API ----------------------------------------------------------------------------

        private void submissions(int n) {
            group("submissions");
            List<String> bases = List.of(
                    "{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}",
                    "{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"template\",\"name\":"
                            + "\"order_confirmation\",\"language\":\"nl\",\"parameters\":[\"7\"]},\"category\":"
                            + "\"transactional\",\"metadata\":{\"orderId\":\"7\"}}",
                    "{\"channel\":\"test\",\"to\":{\"address\":\"+31612345678\",\"name\":\"Jan\"},\"content\":{\"type\":"
                            + "\"media\",\"mediaType\":\"image\",\"url\":\"https://cdn.example/a.jpg\",\"caption\":\"x\"}}",
                    "{\"channel\":\"whatsapp\",\"to\":\"+31612345678\",\"content\":{\"type\":\"choice\",\"text\":"
                            + "\"Wanneer?\",\"choices\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":\"B\"}]},"
                            + "\"replyTo\":\"wamid.X\"}",
                    "{\"channel\":\"email\",\"to\":{\"address\":\"jan@example.nl\",\"name\":\"Jan\"},\"from\":{\"address\":"
                            + "\"shop@dealer.example\"},\"content\":{\"type\":\"text\",\"text\":\"x\",\"subject\":\"s\"}}",
                    "{\"channel\":\"sms\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"hallo\"},"
                            + "\"category\":\"marketing\"}");
            for (int i = 0; i < n; i++) {
                byte[] base = utf8(pick(bases));
                Mutated body = switch (i % 5) {
                    case 0, 1 -> jsonTypeMutation(base);
                    case 2 -> byteMutation(base);
                    case 3 -> fieldInjection(base);
                    default -> i % 10 == 4 ? truncation(base) : hugeOrDeep(base);
                };
                String tenant = MAIN;
                String token = PLATFORM;
                int exactly = 0;
                int who = rnd.nextInt(12);
                if (who == 0) {
                    token = null;
                    exactly = 401;
                } else if (who == 1) {
                    token = pick(List.of(PLATFORM + "x", "x" + PLATFORM, PLATFORM.toUpperCase(), "plt_" + hex(16),
                            ascii(pick(INJECTIONS)) + "x"));
                    exactly = 401;
                } else if (who == 2) {
                    token = OPS;
                    exactly = 403;
                } else if (who == 3) {
                    token = SCOPED;
                    exactly = 403;
                } else if (who == 4) {
                    tenant = pick(List.of(NOBODY, enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                }
                String contentType = pickWeighted(List.of("application/json", "application/json; charset=utf-8",
                        "text/plain", "", "application/xml", "application/x-www-form-urlencoded",
                        "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "*/*",
                        "application/merge-patch+json"), 6);
                boolean spoil = !contentType.equals("application/json") || acceptedSubmission(body.bytes);
                HttpRequest.Builder b = post("/api/v1/tenants/" + tenant + "/messages", body.bytes);
                if (!contentType.isEmpty()) {
                    b.header("Content-Type", contentType);
                }
                if (token != null) {
                    b.header("Authorization", "Bearer " + token);
                }
                if (spoil && tenant.equals(MAIN)) {
                    b.header("Idempotency-Key", SPOILING_KEY);
                } else if (rnd.nextInt(10) == 0) {
                    b.header("Idempotency-Key", pick(List.of(" ", "k".repeat(256), ascii(pick(INJECTIONS)) + "!")));
                }
                // over 1 MiB the size is refused first (413), whoever asks
                add(body.label + " / " + contentType + (spoil ? " / spoiled" : ""), b, Expect.CLIENT_ERROR,
                        body.bytes.length > MIB ? 0 : exactly);
            }
        }

        /** The hub's own rules, as far as they can be run here: would this body be accepted for {@code MAIN}? */
        private boolean acceptedSubmission(byte[] body) {
            OutboundSubmission s;
            try {
                s = mapper.readValue(body, OutboundSubmission.class);
            } catch (IOException | RuntimeException e) {
                return false;
            }
            if (s == null || s.channel() == null || s.tenantId() != null && !s.tenantId().equals(MAIN)) {
                return false;
            }
            return catalog.find(s.channel()).map(ChannelConnector::descriptor)
                    .map(d -> SubmissionOracle.passesValidation(s.withTenant(MAIN), d)).orElse(false);
        }

        private void messageAndMediaReads(int n) {
            group("reads");
            for (int i = 0; i < n; i++) {
                String tenant = pick(List.of(MAIN, MAIN, OFF, "dealer-a", NOBODY, enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                String id = pick(List.of(new UUID(rnd.nextLong(), rnd.nextLong()).toString(), enc(pick(INJECTIONS)),
                        pick(PATH_TRICKS), hex(40), "0", "-1", "null"));
                String kind = i % 2 == 0 ? "messages" : "media";
                String path = "/api/v1/tenants/" + tenant + "/" + kind + "/" + id;
                if (rnd.nextInt(10) == 0) {
                    path = pick(List.of("/api/v1/tenants/" + tenant + "/" + kind, "/api/v1/tenants/" + tenant + "/"
                            + kind + "/", "/api/v1/tenants//" + kind + "/" + id, "/api/v1/tenants/" + tenant + "/../"
                            + MAIN + "/" + kind + "/" + id, "/api/v1/tenants/dealer-a/..;/" + MAIN + "/" + kind + "/" + id,
                            "/api/v1/" + kind + "/" + id));
                }
                String token = pick(List.of(PLATFORM, PLATFORM, SCOPED, OPS, "", "nope"));
                HttpRequest.Builder b = get(path);
                if (!token.isEmpty()) {
                    b.header("Authorization", pick(List.of("Bearer ", "Bearer ", "bearer ", "Basic ", "Token ")) + token);
                }
                add(kind + " " + token.length(), b, Expect.CLIENT_ERROR, 0);
            }
        }

        // ---- ops API ---------------------------------------------------------------------------------

        private void tenantAdmin(int n) {
            group("admin-tenant");
            byte[] base = utf8("{\"name\":\"Corpus\",\"retentionDays\":30,\"timezone\":\"Europe/Amsterdam\","
                    + "\"quietHours\":\"21:00-08:00\"}");
            for (int i = 0; i < n; i++) {
                Mutated body = adminBodyMutation(base, i);
                String token = pick(List.of(OPS, OPS, OPS, PLATFORM, SCOPED));
                String contentType = pickWeighted(List.of("application/json", "text/plain", "",
                        "application/json; charset=ISO-8859-1"), 6);
                String tenant;
                if (!token.equals(OPS)) {
                    tenant = pick(List.of(MAIN, OFF, NOBODY));
                } else if (contentType.equals("application/json") && !acceptedTenant(body.bytes)) {
                    tenant = pick(List.of(MAIN, MAIN, enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                } else {
                    // the body may be valid: only an id the hub refuses keeps this case invalid
                    tenant = pick(List.of("Corpus-Main", "corpus_main", "-corpus", "c", "x".repeat(64),
                            enc(pick(INJECTIONS)) + "Z", "%C3%A9tienne", "a.b"));
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(uri("/admin/v1/tenants/" + tenant))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body.bytes)).header("Authorization", "Bearer " + token);
                if (!contentType.isEmpty()) {
                    b.header("Content-Type", contentType);
                }
                add(body.label + " / " + contentType, b, Expect.CLIENT_ERROR, token.equals(OPS) ? 0 : 403);
            }
        }

        private boolean acceptedTenant(byte[] body) {
            TenantAdminController.TenantRequest t;
            try {
                t = mapper.readValue(body, TenantAdminController.TenantRequest.class);
            } catch (IOException | RuntimeException e) {
                return false;
            }
            if (t == null || t.name() == null || t.name().isBlank() || t.name().length() > 200) {
                return false;
            }
            int retention = t.retentionDays() == null ? 548 : t.retentionDays();
            if (retention < 1 || retention > 3650) {
                return false;
            }
            try {
                java.time.ZoneId.of(t.timezone() == null ? "UTC" : t.timezone());
            } catch (RuntimeException e) {
                return false;
            }
            return t.quietHours() == null || QUIET_HOURS.matcher(t.quietHours()).matches();
        }

        private void connectorAdmin(int n) {
            group("admin-connector");
            byte[] base = utf8("{\"enabled\":true,\"settings\":{\"account\":\"" + TEST_ACCOUNT_MAIN + "\"},"
                    + "\"secrets\":{\"token\":\"t\",\"signingSecret\":\"" + TEST_SECRET + "\"}}");
            for (int i = 0; i < n; i++) {
                Mutated body = adminBodyMutation(base, i);
                String token = pick(List.of(OPS, OPS, OPS, PLATFORM, SCOPED));
                String tenant = pick(List.of(MAIN, MAIN, OFF, NOBODY, enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                String channel = pick(List.of("test", "test", "whatsapp", "sms", "email", "pigeon", "testwindow",
                        enc(pick(INJECTIONS))));
                byte[] bytes = token.equals(OPS) ? spoilConnector(body.bytes) : body.bytes;
                HttpRequest.Builder b = HttpRequest.newBuilder(uri("/admin/v1/tenants/" + tenant + "/connectors/" + channel))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Authorization", "Bearer " + token);
                String contentType = pickWeighted(List.of("application/json", "text/plain", ""), 8);
                if (!contentType.isEmpty()) {
                    b.header("Content-Type", contentType);
                }
                boolean clean = CLEAN.matcher(tenant + channel).matches();
                add(body.label + " / " + contentType, b, Expect.CLIENT_ERROR, token.equals(OPS) || !clean ? 0 : 403);
            }
        }

        /**
         * Credentials no HTTP header can carry (a pasted line break, an example's ellipsis, control and
         * non-ASCII characters) in otherwise valid saves of the real connectors: 400 naming the field, and
         * the connector stays as it was.
         */
        private void unusableCredentials(int n) {
            group("unusable-credentials");
            List<String> spoilers = List.of("\n", "\r\n", "…", "\u0000", "\t", " ", "\u007f", "é", "\uD83D\uDE97",
                    "\u00a0", "\u2028");
            for (int i = 0; i < n; i++) {
                String spoiler = pick(spoilers);
                String value = "tok" + hex(12);
                int at = rnd.nextInt(value.length() + 1);
                String spoiled = value.substring(0, at) + spoiler + value.substring(at);
                ObjectNode body = mapper.createObjectNode().put("enabled", true);
                String channel = rnd.nextBoolean() ? "whatsapp" : "sms";
                if (channel.equals("whatsapp")) {
                    body.putObject("settings").put("phoneNumberId", WA_MAIN);
                    body.putObject("secrets").put("accessToken", spoiled).put("appSecret", WA_SECRET);
                } else {
                    body.putObject("settings").put("accountSid", SMS_SID_MAIN).put("fromNumber", "+3197010251234");
                    body.putObject("secrets").put(pick(List.of("authToken", "apiKeySecret")), spoiled)
                            .put("apiKeySid", "SK" + "ab".repeat(16));
                }
                add(channel + " secret with " + describe(NODES.textNode(spoiler)), HttpRequest.newBuilder(
                                uri("/admin/v1/tenants/" + MAIN + "/connectors/" + channel))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
                        .header("Authorization", "Bearer " + OPS).header("Content-Type", "application/json"),
                        Expect.CLIENT_ERROR, 400);
            }
        }

        /**
         * A connector body that parses with its settings as an object gets an unknown setting, which the hub
         * refuses before it writes anything; any other body is refused already (wrong shape, no settings).
         */
        private byte[] spoilConnector(byte[] body) {
            try {
                JsonNode tree = mapper.readTree(body);
                if (tree != null && tree.isObject() && tree.path("settings").isObject()) {
                    ((ObjectNode) tree.get("settings")).put("zz-unknown-setting", "x");
                    return mapper.writeValueAsBytes(tree);
                }
            } catch (IOException e) {
                // not JSON: refused as it is
            }
            return body;
        }

        /**
         * JSON nulls where a string belongs, and keys given twice, in bodies that are otherwise fine: the
         * cases a record or an immutable map of the hub's model chokes on if nothing stops them first.
         */
        private void nullsAndDuplicates() {
            group("nulls-and-duplicates");
            String account = "\"account\":\"" + TEST_ACCOUNT_MAIN + "\"";
            List<String> connectorBodies = List.of(
                    "{\"settings\":{" + account + ",\"rateLimitPerSecond\":null}}",
                    "{\"settings\":{" + account + ",\"optOutKeywords\":null,\"optInKeywords\":null}}",
                    "{\"settings\":{\"account\":null}}",
                    "{\"settings\":{" + account + "},\"secrets\":{\"token\":null,\"signingSecret\":null}}",
                    "{\"settings\":{" + account + "," + account + "}}",
                    "{\"enabled\":true,\"enabled\":false,\"settings\":{" + account + "}}",
                    "{\"settings\":{" + account + "},\"settings\":{" + account + "}}",
                    "{\"settings\":null,\"secrets\":null}", "{\"enabled\":null,\"settings\":{\"account\":null}}");
            for (String channel : List.of("test", "whatsapp", "sms")) {
                for (String body : connectorBodies) {
                    String b = channel.equals("test") ? body : body.replace("\"account\"",
                            channel.equals("sms") ? "\"accountSid\"" : "\"phoneNumberId\"");
                    add("connector " + channel + " " + b, HttpRequest.newBuilder(uri("/admin/v1/tenants/" + MAIN
                                    + "/connectors/" + channel)).PUT(HttpRequest.BodyPublishers.ofString(b))
                            .header("Authorization", "Bearer " + OPS).header("Content-Type", "application/json"),
                            Expect.CLIENT_ERROR, 0);
                }
            }
            for (String body : List.of("{\"name\":\"x\",\"name\":\"y\"}", "{\"name\":null}",
                    "{\"name\":\"x\",\"timezone\":null,\"quietHours\":\"25:00-26:00\"}",
                    "{\"name\":\"x\",\"retentionDays\":null,\"retentionDays\":0}")) {
                add("tenant " + body, HttpRequest.newBuilder(uri("/admin/v1/tenants/" + MAIN))
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + OPS)
                        .header("Content-Type", "application/json"), Expect.CLIENT_ERROR, 0);
            }
            String to = "\"to\":\"+31612345678\"";
            for (String body : List.of(
                    "{\"channel\":\"test\",\"channel\":\"test\"," + to + ",\"content\":{\"type\":\"text\",\"text\":\"x\"}}",
                    "{\"channel\":\"test\"," + to + "," + to + ",\"content\":{\"type\":\"text\",\"text\":\"x\"}}",
                    "{\"channel\":\"test\"," + to + ",\"content\":{\"type\":\"text\",\"type\":\"text\",\"text\":\"x\"}}",
                    "{\"channel\":\"test\"," + to + ",\"content\":{\"type\":\"text\",\"text\":\"x\"},\"metadata\":{\"a\":null}}",
                    "{\"channel\":\"test\"," + to + ",\"content\":{\"type\":\"template\",\"name\":\"t\",\"parameters\":[null]}}",
                    "{\"channel\":\"whatsapp\"," + to + ",\"content\":{\"type\":\"choice\",\"text\":\"q\",\"choices\":[null]}}",
                    "{\"channel\":\"test\",\"to\":null,\"content\":{\"type\":\"text\",\"text\":\"x\"}}",
                    "{\"channel\":\"test\",\"to\":{\"address\":null},\"content\":{\"type\":\"text\",\"text\":\"x\"}}",
                    "{\"channel\":\"test\"," + to + ",\"content\":null}", "{\"channel\":null}")) {
                // a duplicate is refused as such; should one get through, the key spoils the case
                add("submission " + body, post("/api/v1/tenants/" + MAIN + "/messages", utf8(body))
                        .header("Authorization", "Bearer " + PLATFORM).header("Content-Type", "application/json")
                        .header("Idempotency-Key", acceptedSubmission(utf8(body)) ? SPOILING_KEY : "nulls-" + body.length()),
                        Expect.CLIENT_ERROR, 0);
            }
        }

        private void enableDisable(int n) {
            group("enable-disable");
            for (int i = 0; i < n; i++) {
                String action = pick(List.of("enable", "disable", "ENABLE", "toggle", enc(pick(INJECTIONS))));
                String tenant = pick(List.of(MAIN, OFF, NOBODY, enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                String channel = pick(List.of("test", "whatsapp", "sms", "email", "pigeon", "testwindow",
                        enc(pick(INJECTIONS)), pick(PATH_TRICKS)));
                String token = pick(List.of(OPS, OPS, PLATFORM, SCOPED, ""));
                boolean configured = (tenant.equals(MAIN) || tenant.equals(OFF))
                        && Stream.of("test", "whatsapp", "sms").anyMatch(channel::equals);
                String method = pick(List.of("POST", "POST", "GET", "PUT", "DELETE"));
                if (configured && token.equals(OPS) && method.equals("POST")
                        && (action.equals("enable") || action.equals("disable"))) {
                    token = pick(List.of(PLATFORM, SCOPED, "")); // that one would really switch the connector
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(uri("/admin/v1/tenants/" + tenant + "/connectors/"
                        + channel + "/" + action)).method(method, HttpRequest.BodyPublishers.noBody());
                if (!token.isEmpty()) {
                    b.header("Authorization", "Bearer " + token);
                }
                add(method + " " + action, b, Expect.CLIENT_ERROR, 0);
            }
        }

        private void deadLetters(int n) {
            group("dead-letters");
            for (int i = 0; i < n; i++) {
                String token = pick(List.of(OPS, OPS, OPS, PLATFORM, SCOPED));
                if (i % 3 == 0) {
                    String id = pick(List.of(new UUID(rnd.nextLong(), rnd.nextLong()).toString(), enc(pick(INJECTIONS)),
                            pick(PATH_TRICKS), "1"));
                    String method = pick(List.of("POST", "POST", "POST", "GET", "DELETE"));
                    add("replay " + method, HttpRequest.newBuilder(uri("/admin/v1/dead-letters/" + id + "/replay"))
                            .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token),
                            Expect.CLIENT_ERROR, 0);
                } else {
                    List<String> params = new ArrayList<>();
                    if (rnd.nextBoolean()) {
                        params.add("tenantId=" + enc(pick(List.of(MAIN, pick(INJECTIONS)))));
                    }
                    if (rnd.nextBoolean()) {
                        params.add("channel=" + enc(pick(List.of("test", pick(INJECTIONS)))));
                    }
                    String limit = pick(List.of("0", "-1", "1001", "100000", "1e3", "many", "", "1.5", "99999999999",
                            enc(pick(INJECTIONS)), "10"));
                    params.add("limit=" + limit);
                    // a listing only reads: with the ops token any answer below 500 will do
                    add("list", get("/admin/v1/dead-letters?" + String.join("&", params))
                                    .header("Authorization", "Bearer " + token),
                            token.equals(OPS) ? Expect.READ : Expect.CLIENT_ERROR, token.equals(OPS) ? 0 : 403);
                }
            }
        }

        /**
         * The platform's consent API (issue 20): each POST carries at least one defect (evidence missing, blank or
         * over 1,000 characters, an unknown channel, scope or state, a future givenAt, a body of the wrong type, a
         * tenant nobody has, a token not the platform's for the tenant); GETs only read.
         */
        private void consent(int n) {
            group("consent");
            List<String> defects = List.of("evidence-missing", "evidence-blank", "evidence-long", "channel", "scope",
                    "state", "future", "type", "tenant", "token", "not-json");
            for (int i = 0; i < n; i++) {
                String address = pick(List.of("%2B31612345678", "%2B31612345678", enc(pick(INJECTIONS)),
                        pick(PATH_TRICKS), "jan%40example.nl"));
                if (i % 4 == 0) {
                    String token = pick(List.of(PLATFORM, PLATFORM, OPS, SCOPED, "not-a-token"));
                    add("history", get("/api/v1/tenants/" + pick(List.of(MAIN, NOBODY)) + "/contacts/" + address
                                    + "/consent").header("Authorization", "Bearer " + token),
                            token.equals(PLATFORM) ? Expect.READ : Expect.CLIENT_ERROR, 0);
                    continue;
                }
                String defect = pick(defects);
                ObjectNode body = NODES.objectNode();
                body.put("channel", defect.equals("channel") ? pick(List.of("fax", "", "WHATSAPP", pick(INJECTIONS)))
                        : pick(List.of("test", "sms", "*")));
                body.put("scope", defect.equals("scope") ? pick(List.of("newsletters", "", "MARKETING", pick(INJECTIONS)))
                        : pick(List.of("marketing", "all")));
                body.put("state", defect.equals("state") ? pick(List.of("maybe", "", "OPTED_IN", "yes", pick(INJECTIONS)))
                        : pick(List.of("opted_in", "opted_out")));
                switch (defect) {
                    case "evidence-missing" -> { }
                    case "evidence-blank" -> body.put("evidence", pick(List.of("", " ", "\t\n")));
                    case "evidence-long" -> body.put("evidence", "x".repeat(1001 + rnd.nextInt(5000)));
                    default -> body.put("evidence", pick(List.of("web form #4711", pick(INJECTIONS).strip() + " form")));
                }
                if (defect.equals("future")) {
                    body.put("givenAt", pick(List.of("2999-01-01T00:00:00Z", "2100-06-30T12:00:00Z")));
                } else if (defect.equals("type")) {
                    String field = pick(List.of("channel", "scope", "state", "evidence", "givenAt"));
                    body.set(field, pick(List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.arrayNode(),
                            NODES.objectNode(), NODES.textNode("yesterday"))));
                    if (field.equals("evidence") || field.equals("givenAt")) {
                        body.put("state", "unknown"); // a type Jackson would coerce must not leave it valid
                    }
                }
                byte[] bytes = defect.equals("not-json") ? utf8(pick(List.of("{", "channel=test", "[]", "\"x\"")))
                        : utf8(body.toString());
                String tenant = defect.equals("tenant") ? NOBODY : MAIN;
                String token = defect.equals("token") ? pick(List.of(OPS, SCOPED, "not-a-token")) : PLATFORM;
                add("record " + defect, post("/api/v1/tenants/" + tenant + "/contacts/" + address + "/consent", bytes)
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token),
                        Expect.CLIENT_ERROR, 0);
            }
        }

        /** The audit trail's listing (issue 20): bad bounds are 400, a token not ops' 401 or 403; the rest reads. */
        private void audit(int n) {
            group("audit");
            for (int i = 0; i < n; i++) {
                String token = pick(List.of(OPS, OPS, PLATFORM, SCOPED, "not-a-token"));
                List<String> params = new ArrayList<>();
                boolean bad = false;
                if (rnd.nextBoolean()) {
                    params.add("tenantId=" + enc(pick(List.of(MAIN, pick(INJECTIONS)))));
                }
                if (rnd.nextBoolean()) {
                    String since = pick(List.of("2026-12-01T00:00:00Z", "yesterday", "2026-13-01T00:00:00Z", "",
                            enc(pick(INJECTIONS))));
                    bad |= !since.equals("2026-12-01T00:00:00Z");
                    params.add("since=" + since);
                }
                String limit = pick(List.of("0", "-1", "1001", "many", "1.5", "99999999999", "10"));
                bad |= !limit.equals("10");
                params.add("limit=" + limit);
                add("list", get("/admin/v1/audit?" + String.join("&", params)).header("Authorization", "Bearer " + token),
                        token.equals(OPS) && !bad ? Expect.READ : Expect.CLIENT_ERROR, 0);
            }
        }

        private void unsubscribe(int n) {
            group("unsubscribe");
            String real = unsubscribeLinks.url(MAIN, "email", "jan@example.nl");
            String token = real.substring(real.lastIndexOf('/') + 1);
            String payload = token.substring(0, token.indexOf('.'));
            String signature = token.substring(token.indexOf('.') + 1);
            String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(MAIN + "\nemail\npiet@x.nl"));
            for (int i = 0; i < n; i++) {
                String forged = switch (rnd.nextInt(10)) {
                    case 0 -> otherPayload + "." + signature;
                    case 1 -> payload + "." + signature.substring(0, signature.length() - 2 - rnd.nextInt(10));
                    case 2 -> payload + "." + flipChar(signature);
                    case 3 -> flipChar(payload) + "." + signature;
                    case 4 -> payload + signature;
                    case 5 -> payload + ".." + signature;
                    case 6 -> "." + signature;
                    case 7 -> payload + "." + signature + "." + signature;
                    case 8 -> "x".repeat(2049);
                    default -> enc(pick(INJECTIONS));
                };
                String decoded = URLDecoder.decode(forged.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (unsubscribeLinks.verify(decoded).isPresent()) {
                    continue; // still a valid link (e.g. a flip in the unused bits of base64): not bad input
                }
                String method = pick(List.of("POST", "GET", "PUT"));
                add(method, HttpRequest.newBuilder(uri("/unsubscribe/" + forged))
                        .method(method, HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .header("Content-Type", "application/x-www-form-urlencoded"), Expect.CLIENT_ERROR, 0);
            }
        }

        // ---- methods, headers, sizes -----------------------------------------------------------------

        private void methods(int n) {
            group("methods");
            List<String[]> endpoints = List.of(new String[] {"/webhooks/whatsapp/" + MAIN, "PUT DELETE PATCH TRACE"},
                    new String[] {"/webhooks/sms/" + MAIN, "PUT DELETE PATCH TRACE"},
                    new String[] {"/webhooks/whatsapp", "PUT DELETE PATCH"},
                    new String[] {"/api/v1/tenants/" + MAIN + "/messages", "GET PUT DELETE PATCH TRACE"},
                    new String[] {"/api/v1/tenants/" + MAIN + "/messages/0193a6f2-7c1e-7d4b-9a1e-2f3c4d5e6f70",
                            "POST PUT DELETE PATCH"},
                    new String[] {"/api/v1/tenants/" + MAIN + "/media/x", "POST PUT DELETE"},
                    new String[] {"/admin/v1/tenants", "POST PUT DELETE PATCH"},
                    new String[] {"/admin/v1/tenants/" + MAIN, "POST PATCH"},
                    new String[] {"/admin/v1/tenants/" + MAIN + "/connectors/test", "POST DELETE PATCH GET"},
                    new String[] {"/admin/v1/dead-letters", "POST PUT DELETE"},
                    new String[] {"/unsubscribe/x.y", "DELETE PATCH"});
            for (int i = 0; i < n; i++) {
                String[] e = pick(endpoints);
                String method = pick(List.of(e[1].split(" ")));
                String token = e[0].startsWith("/admin") ? OPS : PLATFORM;
                boolean options = rnd.nextInt(15) == 0;
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(e[0])).method(options ? "OPTIONS" : method,
                        method.equals("TRACE") || options ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(pick(whatsappBodies)))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
                add((options ? "OPTIONS" : method) + " " + e[0], b, options ? Expect.READ : Expect.CLIENT_ERROR, 0);
            }
        }

        private void headers(int n) {
            group("headers");
            for (int i = 0; i < n; i++) {
                String path = pick(List.of("/webhooks/whatsapp/" + MAIN, "/webhooks/sms/" + MAIN,
                        "/api/v1/tenants/" + MAIN + "/messages", "/admin/v1/tenants/" + MAIN));
                byte[] body = byteMutation(pick(whatsappBodies)).bytes;
                HttpRequest.Builder b = post(path, body).header("Content-Type", "application/json");
                int kind = rnd.nextInt(6);
                String label;
                int size = 1000 + rnd.nextInt(5800);
                switch (kind) {
                    case 0 -> {
                        b.header("X-Hub-Signature-256", "sha256=" + "a".repeat(size));
                        label = "huge signature";
                    }
                    case 1 -> {
                        b.header("X-Twilio-Signature", "A".repeat(size));
                        label = "huge twilio signature";
                    }
                    case 2 -> {
                        b.header("Authorization", "Bearer " + "t".repeat(size));
                        label = "huge token";
                    }
                    case 3 -> {
                        b.header("Idempotency-Key", "k".repeat(size)).header("Authorization", "Bearer " + PLATFORM);
                        label = "huge idempotency key";
                    }
                    case 4 -> {
                        for (int h = 0; h < 80; h++) {
                            b.header("X-Corpus-" + h, hex(8));
                        }
                        label = "80 headers";
                    }
                    default -> {
                        b.header("X-Corpus", "v".repeat(size));
                        label = "huge header";
                    }
                }
                add(label, b, Expect.CLIENT_ERROR, 0);
            }
            for (int i = 0; i < 10; i++) {
                add("headers over Tomcat's limit", post("/webhooks/whatsapp/" + MAIN, pick(whatsappBodies))
                        .header("X-Corpus", "v".repeat(9_000 + i * 1000)), Expect.CLIENT_ERROR, 0);
            }
        }

        private void oversized() {
            group("sizes");
            List<String> paths = List.of("/webhooks/whatsapp/" + MAIN, "/webhooks/whatsapp", "/webhooks/sms/" + MAIN,
                    "/webhooks/test/" + MAIN, "/webhooks/pigeon/" + MAIN, "/api/v1/tenants/" + MAIN + "/messages",
                    "/admin/v1/tenants/" + MAIN, "/admin/v1/tenants/" + MAIN + "/connectors/test");
            for (String path : paths) {
                for (int size : new int[] {MIB + 1, MIB + 4096, MIB + 65_536}) {
                    for (boolean chunked : new boolean[] {false, true}) {
                        byte[] body = padded(size, path);
                        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                                .method(path.startsWith("/admin") ? "PUT" : "POST", chunked
                                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                        : HttpRequest.BodyPublishers.ofByteArray(body))
                                .header("Content-Type", path.contains("/sms/") ? "application/x-www-form-urlencoded"
                                        : "application/json")
                                .header("Authorization", "Bearer " + (path.startsWith("/admin") ? OPS : PLATFORM))
                                .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(WA_SECRET, body))
                                .header("X-Test-Signature", "sha256=" + HmacSignatures.hmacSha256Hex(TEST_SECRET, body));
                        add(size + (chunked ? " chunked" : ""), b, Expect.CLIENT_ERROR, 413);
                    }
                }
                // just under the limit: refused for what it is, never for its size
                byte[] under = path.contains("/connectors/") ? spoilConnector(padded(MIB - 64, path))
                        : padded(MIB - 16, path);
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                        .method(path.startsWith("/admin") ? "PUT" : "POST", HttpRequest.BodyPublishers.ofByteArray(under))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + (path.startsWith("/admin") ? OPS : PLATFORM))
                        .header("X-Hub-Signature-256", "sha256=" + "00".repeat(32))
                        .header("Idempotency-Key", SPOILING_KEY);
                add("just under 1 MiB", b, Expect.CLIENT_ERROR, 0);
            }
        }

        /** A body of exactly {@code size} bytes shaped for the endpoint, with one huge string field. */
        private byte[] padded(int size, String path) {
            String head;
            if (path.contains("/sms/")) {
                head = "AccountSid=" + SMS_SID_MAIN + "&MessageSid=SM1&From=%2B31612345678&Body=";
                return utf8(head + "x".repeat(size - head.length()));
            } else if (path.startsWith("/api")) {
                head = "{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"";
            } else if (path.contains("/connectors/")) {
                head = "{\"settings\":{\"account\":\"";
            } else if (path.startsWith("/admin")) {
                head = "{\"name\":\"";
            } else {
                head = "{\"object\":\"whatsapp_business_account\",\"account\":\"" + TEST_ACCOUNT_MAIN + "\",\"entry\":[],"
                        + "\"pad\":\"";
            }
            String tail = path.startsWith("/api") ? "\"}}" : path.contains("/connectors/") ? "\"}}" : "\"}";
            return utf8(head + "x".repeat(size - head.length() - tail.length()) + tail);
        }

        // ---- mutations -------------------------------------------------------------------------------

        private record Mutated(byte[] bytes, String label) {
        }

        private Mutated truncation(byte[] b) {
            int at = rnd.nextInt(b.length);
            return new Mutated(Arrays.copyOf(b, at), "truncated at " + at);
        }

        /** The admin bodies take the four kinds of damage in turn. */
        private Mutated adminBodyMutation(byte[] base, int i) {
            return switch (i % 4) {
                case 0 -> jsonTypeMutation(base);
                case 1 -> byteMutation(base);
                case 2 -> fieldInjection(base);
                default -> truncation(base);
            };
        }

        private Mutated byteMutation(byte[] b) {
            int at = rnd.nextInt(b.length + 1);
            return switch (rnd.nextInt(9)) {
                case 0, 1 -> truncation(b);
                case 2 -> {
                    byte[] out = b.clone();
                    int p = rnd.nextInt(out.length);
                    out[p] ^= (byte) (1 << rnd.nextInt(8));
                    yield new Mutated(out, "bit flipped at " + p);
                }
                case 3 -> new Mutated(insert(b, at, pick(List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3, 0x28},
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xE2, (byte) 0x82}))), "invalid UTF-8 at " + at);
                case 4 -> new Mutated(insert(b, at, new byte[] {0}), "NUL at " + at);
                case 5 -> {
                    int end = Math.min(b.length, at + 1 + rnd.nextInt(40));
                    byte[] out = new byte[b.length - (end - at)];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, end, out, at, b.length - end);
                    yield new Mutated(out, "bytes " + at + "-" + end + " deleted");
                }
                case 6 -> {
                    int end = Math.min(b.length, at + 1 + rnd.nextInt(80));
                    yield new Mutated(insert(b, end, Arrays.copyOfRange(b, at, end)), "bytes " + at + "-" + end
                            + " repeated");
                }
                case 7 -> new Mutated(insert(b, at, utf8(pick(INJECTIONS))), "injection spliced at " + at);
                default -> new Mutated(Arrays.copyOf(b, b.length + 1 + rnd.nextInt(3)), "trailing NULs");
            };
        }

        /** Every field of the document, in turn, given a value of another JSON type. */
        private Mutated jsonTypeMutation(byte[] b) {
            JsonNode tree = tree(b);
            List<JsonSlot> slots = JsonSlot.all(tree);
            if (slots.isEmpty() || rnd.nextInt(25) == 0) {
                JsonNode root = wrongValue();
                return new Mutated(bytes(root), "the whole document as " + root.getNodeType());
            }
            JsonSlot slot = pick(slots);
            JsonNode value = wrongValue();
            int kind = rnd.nextInt(8);
            if (kind == 0) {
                slot.remove();
                return new Mutated(bytes(tree), slot.path() + " removed");
            }
            if (kind == 1 && slot.get().isObject()) {
                ((ObjectNode) slot.get()).set(pick(List.of("type", "id", "tenantId", "__proto__", "constructor", "")),
                        value);
                return new Mutated(bytes(tree), slot.path() + " with an extra " + value.getNodeType());
            }
            slot.set(value);
            return new Mutated(bytes(tree), slot.path() + " as " + describe(value));
        }

        private Mutated fieldInjection(byte[] b) {
            JsonNode tree = tree(b);
            List<JsonSlot> slots = JsonSlot.all(tree);
            List<JsonSlot> strings = slots.stream().filter(s -> s.get().isTextual()).toList();
            JsonSlot slot = pick(strings.isEmpty() ? slots : strings);
            String value = pick(INJECTIONS);
            slot.set(TextNode.valueOf(rnd.nextBoolean() ? value : slot.get().asText() + value));
            return new Mutated(bytes(tree), slot.path() + " injected");
        }

        private Mutated hugeOrDeep(byte[] b) {
            JsonNode tree = tree(b);
            List<JsonSlot> slots = JsonSlot.all(tree);
            JsonSlot slot = pick(slots);
            if (rnd.nextBoolean()) {
                int size = pick(List.of(16_385, 100_000, 500_000, MIB - 4096));
                slot.set(TextNode.valueOf(pick(List.of("x", "\u00e9", "\uD83D\uDE97")).repeat(size / 4)));
                return new Mutated(bytes(tree), slot.path() + " huge");
            }
            int depth = pick(List.of(50, 199, 201, 999, 1001, 5000, 50_000));
            String open = rnd.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            String deep = open.repeat(depth) + "1" + close.repeat(depth);
            String json = new String(bytes(tree), StandardCharsets.UTF_8);
            int brace = json.lastIndexOf('}');
            return new Mutated(utf8(json.substring(0, brace) + ",\"deep\":" + deep + "}"), "nesting " + depth);
        }

        private JsonNode wrongValue() {
            return switch (rnd.nextInt(16)) {
                case 0 -> IntNode.valueOf(0);
                case 1 -> IntNode.valueOf(-1);
                case 2 -> LongNode.valueOf(Long.MAX_VALUE);
                case 3 -> DoubleNode.valueOf(1.5);
                case 4 -> DecimalNode.valueOf(new BigDecimal("1e400"));
                case 5 -> BigIntegerNode.valueOf(new BigInteger("9".repeat(60)));
                case 6 -> BooleanNode.TRUE;
                case 7 -> BooleanNode.FALSE;
                case 8 -> NullNode.instance;
                case 9 -> NODES.arrayNode();
                case 10 -> NODES.arrayNode().add("x").add(1);
                case 11 -> NODES.objectNode();
                case 12 -> NODES.objectNode().put("x", 1);
                case 13 -> TextNode.valueOf("");
                case 14 -> TextNode.valueOf(pick(INJECTIONS));
                default -> TextNode.valueOf(pick(List.of("1", "true", "+31612345678", "text", "2026-11-20T10:15:30Z")));
            };
        }

        private Mutated formMutation(Map<String, String> params) {
            List<String[]> pairs = new ArrayList<>();
            params.forEach((k, v) -> pairs.add(new String[] {k, v}));
            String label;
            int at = rnd.nextInt(pairs.size());
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    pairs.get(at)[1] = pick(INJECTIONS);
                    label = pairs.get(at)[0] + " changed";
                }
                case 1 -> {
                    label = pairs.remove(at)[0] + " removed";
                }
                case 2 -> {
                    pairs.add(new String[] {pick(List.of("Body", "From", "NumMedia", "MediaUrl0", "X")), pick(INJECTIONS)});
                    label = "parameter added";
                }
                case 3 -> {
                    pairs.add(new String[] {pairs.get(at)[0], pick(List.of(pairs.get(at)[1], "+31600000000", "STOP"))});
                    label = pairs.get(at)[0] + " repeated";
                }
                case 4 -> {
                    pairs.get(at)[1] = pairs.get(at)[1] + " ";
                    label = pairs.get(at)[0] + " with a space";
                }
                default -> {
                    Collections.swap(pairs, 0, pairs.size() - 1);
                    pairs.get(0)[1] = pairs.get(0)[1].toUpperCase();
                    label = "reordered and upper-cased";
                }
            }
            StringBuilder s = new StringBuilder();
            for (String[] p : pairs) {
                s.append(s.length() == 0 ? "" : "&").append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
            }
            return new Mutated(utf8(s.toString()), label);
        }

        // ---- helpers ---------------------------------------------------------------------------------

        private void add(String label, HttpRequest.Builder builder, Expect expect, int exactly) {
            HttpRequest request;
            try {
                request = builder.timeout(Duration.ofSeconds(60)).build();
            } catch (IllegalArgumentException | IllegalStateException e) {
                return; // not sendable by an HTTP client at all
            }
            cases.add(new Case(group, label, request, expect, exactly));
        }

        private HttpRequest.Builder post(String path, byte[] body) {
            return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }

        private HttpRequest.Builder get(String path) {
            return HttpRequest.newBuilder(uri(path)).GET();
        }

        /** The path as given (it is already encoded); a path no URI can carry becomes a harmless unknown one. */
        private URI uri(String path) {
            try {
                return new URI(url(path));
            } catch (java.net.URISyntaxException e) {
                return URI.create(url("/webhooks/pigeon/" + enc(path)));
            }
        }

        private <T> T pick(List<T> list) {
            return list.get(rnd.nextInt(list.size()));
        }

        /** The first element {@code weight} times as likely as each of the others. */
        private String pickWeighted(List<String> list, int weight) {
            int r = rnd.nextInt(weight + list.size() - 1);
            return r < weight ? list.get(0) : list.get(r - weight + 1);
        }

        private String hex(int bytes) {
            byte[] b = new byte[bytes];
            rnd.nextBytes(b);
            return java.util.HexFormat.of().formatHex(b);
        }

        private String flipChar(String s) {
            char[] c = s.toCharArray();
            int p = rnd.nextInt(c.length);
            c[p] = c[p] == 'A' ? 'B' : 'A';
            return new String(c);
        }
    }

    // ---- static helpers --------------------------------------------------------------------------------

    /** What the hub's syntax check says of a body sent as JSON: true when it refuses it. */
    private static boolean syntaxProblem(byte[] body) {
        if (body.length == 0) {
            return true;
        }
        try (JsonParser parser = SYNTAX.createParser(body)) {
            if (parser.nextToken() == null) {
                return true;
            }
            parser.skipChildren();
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    private static byte[] whatsappFor(byte[] body, String phoneNumberId) {
        return utf8(new String(body, StandardCharsets.UTF_8).replace("106540352242922", phoneNumberId)
                .replace("106540352242923", phoneNumberId));
    }

    private static byte[] fixture(String path) {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] encodeForm(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return utf8(s.toString());
    }

    /**
     * What Twilio signs: the URL, then each parameter's name and each of its distinct values, sorted, as
     * Twilio's Python and Node SDKs build it (PROTOCOLS §9); null when unreadable.
     */
    private static String twilioCanonical(String url, byte[] body) {
        Map<String, List<String>> params = new TreeMap<>();
        try {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!name.isEmpty()) {
                    params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        StringBuilder s = new StringBuilder(url);
        params.forEach((name, values) -> values.stream().distinct().sorted().forEach(v -> s.append(name).append(v)));
        return s.toString();
    }

    private static String twilioSignature(String token, String url, byte[] body) {
        String canonical = twilioCanonical(url, body);
        return HmacSignatures.hmacSha1Base64(token, utf8(canonical == null ? url : canonical));
    }

    /** Percent-encodes every byte outside the unreserved set, so the string is one path or query segment. */
    private static String enc(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** A header value an HTTP client can carry: the string with anything outside printable ASCII dropped. */
    private static String ascii(String s) {
        return s.chars().filter(c -> c >= 0x20 && c < 0x7f).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(JsonNode value) {
        String s = value.toString();
        return s.length() > 40 ? value.getNodeType() + "(" + s.length() + ")" : s;
    }

    private JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(JsonNode json) {
        try {
            return mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
