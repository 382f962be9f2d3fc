package io.channelhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.channelhub.bench.hub.BrokerProbe;
import io.channelhub.bench.hub.GraphStub;
import io.channelhub.bench.hub.HeapSampler;
import io.channelhub.bench.hub.HubAdmin;
import io.channelhub.bench.hub.HubDatabase;
import io.channelhub.bench.hub.HubUnderTest;
import io.channelhub.bench.hub.QueueConsumer;
import io.channelhub.bench.hub.WhatsAppWebhooks;
import io.channelhub.bench.load.ClosedLoopLoad;
import io.channelhub.bench.load.FixedRateLoad;
import io.channelhub.bench.load.HttpCalls;
import io.channelhub.bench.load.LoadResult;
import io.channelhub.bench.load.LocalTarget;
import io.channelhub.bench.load.RequestSource;
import io.channelhub.bench.load.wrk.Wrk;
import io.channelhub.bench.profile.JfrProfile;
import io.channelhub.bench.report.CpuMeter;
import io.channelhub.bench.report.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The whole benchmark, in order: the raw Artemis baseline and the raw HTTP baseline (each in a child JVM),
 * then the packaged hub (a child process): P5 start-up, P1 webhooks acked per second at rising
 * concurrency (with P5 heap sampled meanwhile), P2 ack latency at a fixed 2,000/s, P3 end to end to a JMS
 * consumer of hub.inbound over TCP, P4 outbound sends against a 50 ms WireMock Graph stub. The closed-loop
 * webhook load of P1 and the raw HTTP baseline comes from wrk, a separate process; P2–P4 are driven from this
 * JVM. Every step reports the CPU of the measured process, of the generator and of the rest. Writes
 * {@code latest.md} and {@code latest.json} (and time-stamped copies) to the output directory and prints
 * the table. Every load is bounded in time and count and aims at 127.0.0.1 only.
 *
 * <p>Options: {@code --hub-jar PATH} (default app/target/hub-app-0.1.0-SNAPSHOT.jar), {@code --out DIR}
 * (default bench/results), {@code --profile} (JFR of the hub during P1, P3 and P4, aggregated to
 * hub-pN-profile.txt), {@code --quick} (short windows: a smoke test of the harness, not figures),
 * {@code --postgres JDBC-URL} (the hub on PostgreSQL in a fresh schema instead of its embedded H2).
 */
public final class BenchmarkRun {
    static final int[] LEVELS = {16, 32, 64, 128};
    static final String TENANT = "bench";
    static final String APP_SECRET = "bench-app-secret";
    static final String OPS = "ops-bench-token-0123456789abcdef";
    static final String PLATFORM = "platform-bench-token-0123456789abcdef";
    static final double P2_RATE = 2000;
    /** One wrk thread: enough for these rates, and it leaves the other core to the process measured. */
    static final int WRK_THREADS = 1;

    private final Path hubJar;
    private final Path out;
    private final boolean profile;
    private final boolean quick;
    private final HubDatabase database;
    private final Set<String> only;
    private final Map<String, String> extraHubProperties;
    private final List<String> hubJvmArgs;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private WrkSteps wrk;

    private BenchmarkRun(Path hubJar, Path out, boolean profile, boolean quick, HubDatabase database,
                         Set<String> only, Map<String, String> extraHubProperties, List<String> hubJvmArgs) {
        this.hubJvmArgs = hubJvmArgs;
        this.hubJar = hubJar;
        this.only = only;
        this.extraHubProperties = extraHubProperties;
        this.out = out;
        this.profile = profile;
        this.quick = quick;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("app/target/hub-app-0.1.0-SNAPSHOT.jar");
        Path out = Path.of("bench/results");
        boolean profile = false;
        boolean quick = false;
        HubDatabase database = HubDatabase.h2();
        Set<String> only = Set.of();
        Map<String, String> set = new LinkedHashMap<>();
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hub-jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--profile" -> profile = true;
                case "--quick" -> quick = true;
                case "--postgres" -> database = HubDatabase.postgres(args[++i]);
                case "--only" -> only = Set.of(args[++i].toUpperCase(Locale.ROOT).split(","));
                case "--hub-jvm" -> jvm.add(args[++i]);
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    set.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--hub-jar PATH, --out DIR,"
                        + " --profile, --quick, --postgres JDBC-URL, --only P1,P2,P3,P4, --set HUB-PROPERTY=VALUE, --hub-jvm JVM-OPTION)");
            }
        }
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        new BenchmarkRun(jar, out, profile, quick, database, only, set, jvm).run();
        System.out.printf("benchmark run took %.0f s%n", (System.nanoTime() - t0) / 1e9);
        System.exit(0);
    }

    private Duration d(int normalSeconds, int quickSeconds) {
        return Duration.ofSeconds(quick ? quickSeconds : normalSeconds);
    }

    private void say(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        System.out.flush();
        log.add(line);
    }

    private void run() throws Exception {
        json.put("startedAt", LocalDateTime.now().toString());
        json.put("machine", Machine.describe());
        json.put("quick", quick);
        json.put("database", database.description());
        say("machine: %s; hub database: %s", json.get("machine"), database.description());
        if (only.isEmpty() || only.contains("P1")) {
            Wrk binary;
            try {
                binary = Wrk.require();
            } catch (IllegalStateException e) {
                say("%s", e.getMessage());
                System.exit(2);
                return;
            }
            wrk = new WrkSteps(binary, WRK_THREADS);
            json.put("loadGenerator", binary.binary() + " -t " + WRK_THREADS + " (P1, raw HTTP); this JVM (P2–P4)");
        }
        if (!only.isEmpty()) {
            // A tuning loop: the hub's selected phases alone, no baselines, and latest.* left as they are.
            json.put("hub", hub());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                    out.resolve("only-" + String.join("-", new TreeSet<>(only)) + ".json").toFile(), json);
            return;
        }
        Baselines baselines = new Baselines(wrk, d(6, 2), out, this::say);
        Map<Integer, Map<String, Object>> rawArtemis = baselines.rawArtemis(LEVELS, d(2, 1), d(5, 2), json);
        Map<Integer, Map<String, Object>> rawHttp = baselines.rawHttp(LEVELS, d(2, 1), d(5, 2), APP_SECRET);
        json.put("rawArtemis", List.copyOf(rawArtemis.values()));
        json.put("rawHttp", List.copyOf(rawHttp.values()));
        Map<String, Object> hub = hub();
        json.put("hub", hub);
        String table = table(rawArtemis, rawHttp, hub);
        json.put("finishedAt", LocalDateTime.now().toString());
        write(table);
        System.out.println();
        System.out.println(table);
    }

    // ---------------------------------------------------------------- the hub

    private Map<String, Object> hub() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        Path dataDir = Files.createTempDirectory("bench-hub-");
        say("hub (load %s): %s, data in %s", Machine.loadAverage(), hubJar, dataDir);
        try (GraphStub graph = new GraphStub(50);
             HubUnderTest hub = new HubUnderTest(hubJar, dataDir)) {
            Path startupJfr = out.resolve("hub-startup.jfr").toAbsolutePath();
            Map<String, String> properties = new LinkedHashMap<>(Map.of(
                    "hub.channels.whatsapp.base-url", graph.baseUrl(),
                    "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                    "hub.security.tokens[0].token", OPS,
                    "hub.security.tokens[1].name", "platform", "hub.security.tokens[1].role", "platform",
                    "hub.security.tokens[1].token", PLATFORM));
            properties.putAll(database.hubProperties());
            properties.putAll(extraHubProperties);
            json.put("hubPropertiesSet", extraHubProperties);
            List<String> jvmArgs = new ArrayList<>(hubJvmArgs);
            if (profile) {
                jvmArgs.add("-XX:StartFlightRecording=name=startup,settings=profile,filename=" + startupJfr);
            }
            json.put("hubJvmArgsAdded", hubJvmArgs);
            hub.start(jvmArgs, properties, Duration.ofSeconds(120));
            Map<String, Object> startup = new LinkedHashMap<>();
            startup.put("healthUpSeconds", round(hub.startupSeconds()));
            hub.startedLogLine().ifPresent(s -> {
                startup.put("startedInSeconds", s[0]);
                startup.put("processRunningForSeconds", s[1]);
            });
            startup.put("nativeJournalLibraryLoaded", hub.nativeJournalLoaded());
            startup.put("aotCache", hub.aotCache().map(Path::toString).orElse("none"));
            results.put("P5startup", startup);
            say("  P5 start-up: %s", startup);
            if (profile) {
                JfrProfile.stop(hub.pid(), "startup");
                profileReport(startupJfr, "startup", startup);
            }
            try {
                new HubAdmin(hub, OPS).tenantWithWhatsApp(TENANT, GraphStub.PHONE_NUMBER_ID, APP_SECRET, 100_000);
                String runTag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
                WhatsAppWebhooks webhooks = new WhatsAppWebhooks(hub.httpPort(), TENANT, APP_SECRET, runTag);
                try (BrokerProbe probe = new BrokerProbe(hub.brokerUrl());
                     QueueConsumer inbound = new QueueConsumer(hub.brokerUrl(), "hub.inbound", null);
                     QueueConsumer events = new QueueConsumer(hub.brokerUrl(), "hub.events", "\"status\":\"sent\"")) {
                    AtomicLong seq = new AtomicLong();
                    RequestSource posts = s -> webhooks.request(seq.getAndIncrement());
                    warmUp(hub, posts, probe);
                    if (selected("P1")) {
                        results.put("P1", p1(hub, webhooks, seq, probe, inbound, false));
                        results.put("P1ackPathOnly", p1(hub, webhooks, seq, probe, inbound, true));
                    }
                    if (selected("P2")) {
                        results.put("P2", p2(hub, webhooks, posts, probe, inbound));
                    }
                    if (selected("P3")) {
                        results.put("P3", p3(hub, runTag + "X", probe, inbound));
                    }
                    if (selected("P4")) {
                        results.put("P4", p4(hub, probe, events));
                    }
                }
            } finally {
                keepMetrics(hub);
                Files.copy(hub.log(), out.resolve("hub-last-run.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTree(dataDir); // the hub's journal and database: its log is kept as hub-last-run.log
            database.drop();
        }
        return results;
    }

    /** The hub's own meters after the run (flow step times, batch sizes), beside its log. */
    private void keepMetrics(HubUnderTest hub) {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<Path> r = client.send(hub.metricsRequest(OPS),
                    java.net.http.HttpResponse.BodyHandlers.ofFile(out.resolve("hub-last-run-metrics.txt")));
            say("  hub meters after the run: %s (HTTP %d)", r.body(), r.statusCode());
        } catch (java.io.IOException | InterruptedException | RuntimeException e) {
            say("  could not read the hub's meters: %s", e);
        }
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            System.out.println("could not delete " + dir + ": " + e);
        }
    }

    private boolean selected(String phase) {
        return only.isEmpty() || only.contains(phase);
    }

    private void warmUp(HubUnderTest hub, RequestSource posts, BrokerProbe probe) throws Exception {
        LoadResult r = ClosedLoopLoad.run("hub-warmup", 32, Duration.ZERO, d(6, 2), 0,
                HttpCalls.to(LocalTarget.of(hub.httpPort()), posts));
        say("  warm-up (JIT): %s", r.summary());
        settle(probe);
    }

    /**
     * P1: closed-loop webhooks at each concurrency. With {@code ackPathOnly} the intake queue is paused, so
     * the normalize consumers sit idle and the figure is the HTTP → durable enqueue → 200 path alone.
     */
    private Map<String, Object> p1(HubUnderTest hub, WhatsAppWebhooks webhooks, AtomicLong seq, BrokerProbe probe,
                                   QueueConsumer inbound, boolean ackPathOnly) throws Exception {
        String phase = ackPathOnly ? "p1-ack-path" : "p1";
        Map<String, Object> p1 = new LinkedHashMap<>();
        say("P1%s (load %s): closed-loop signed webhooks at concurrency %s", ackPathOnly
                        ? " ack path only (hub.intake paused: no normalization meanwhile)" : "", Machine.loadAverage(),
                java.util.Arrays.toString(LEVELS));
        p1.put("loadAverageBefore", Machine.loadAverage());
        Path jfr = out.resolve("hub-" + phase + ".jfr");
        if (profile) {
            JfrProfile.start(hub.pid(), jfr, phase);
        }
        if (ackPathOnly) {
            probe.pause("hub.intake", true);
        }
        List<Map<String, Object>> levels = new ArrayList<>();
        try (HeapSampler heap = ackPathOnly ? null : new HeapSampler(hub, OPS)) {
            for (int c : LEVELS) {
                long[] consumed0 = new long[2];
                Map<String, Object> level = wrk.level("hub-" + phase + "-c" + c, webhooks, seq, c, d(2, 1), d(8, 2),
                        hub.pid(), "hub", () -> {
                            consumed0[0] = inbound.received();
                            consumed0[1] = System.nanoTime();
                        });
                level.put("inboundConsumedPerSecond",
                        round((inbound.received() - consumed0[0]) / ((System.nanoTime() - consumed0[1]) / 1e9)));
                level.put("intakeBacklogAfter", probe.messageCount("hub.intake"));
                levels.add(level);
                say("  %s | CPU cores: hub %.2f (%.0f µs per webhook), wrk %.2f, bench JVM %.2f, other processes %.2f"
                                + " | hub.inbound %.0f/s, intake backlog %s", level.get("summary"), level.get("hubCpuCores"),
                        level.get("hubCpuMicrosPerOperation"), level.get("wrkCpuCores"), level.get("benchCpuCores"),
                        level.get("otherCpuCores"), level.get("inboundConsumedPerSecond"), level.get("intakeBacklogAfter"));
                settle(probe);
            }
            if (heap != null) {
                Map<String, Object> heapFigures = new LinkedHashMap<>();
                heapFigures.put("maxHeapUsedMb", round(heap.maxUsedMb()));
                heapFigures.put("maxHeapCommittedMb", round(heap.maxCommittedMb()));
                heapFigures.put("maxOldGenUsedMb", round(heap.maxOldGenMb()));
                heapFigures.put("samples", heap.samples());
                p1.put("P5heap", heapFigures);
                say("  P5 heap under P1: %s", heapFigures);
            }
        } finally {
            if (ackPathOnly) {
                probe.pause("hub.intake", false);
                settle(probe);
            }
        }
        p1.put("levels", levels);
        if (profile) {
            JfrProfile.stop(hub.pid(), phase);
            profileReport(jfr, phase, p1);
        }
        return p1;
    }

    private Map<String, Object> p2(HubUnderTest hub, WhatsAppWebhooks webhooks, RequestSource posts, BrokerProbe probe,
                                   QueueConsumer inbound) throws Exception {
        say("P2 (load %s): fixed rate %.0f webhooks/s", Machine.loadAverage(), P2_RATE);
        Map<String, Long> stamps = WhatsAppWebhooks.newStamps();
        Duration warm = d(3, 1);
        inbound.measureLatency(stamps, System.nanoTime() + warm.toNanos());
        webhooks.stampInto(stamps);
        CpuMeter cpu = new CpuMeter(hub.pid(), "hub");
        LoadResult r = FixedRateLoad.run("hub-p2-" + (int) P2_RATE, P2_RATE, 64, warm, d(20, 3),
                HttpCalls.to(LocalTarget.of(hub.httpPort()), posts));
        webhooks.stampInto(null);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!stamps.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Histogram e2e = inbound.latency();
        inbound.stopLatency();
        Map<String, Object> p2 = r.toMap();
        cpu.stop(p2);
        // the meter ran on while the end-to-end stamps drained: all of the hub's work for these webhooks
        p2.put("hubCpuMicrosPerOperation", CpuMeter.microsPerOperation(cpu.measuredSeconds(), r.ok()));
        p2.put("endToEndAt2000", latency(e2e));
        p2.put("notConsumedAfter20s", stamps.size());
        say("  %s (latency from the intended send time; max start lag %.1f ms) | CPU cores: hub %.2f (%.0f µs per"
                        + " webhook), load generator (this JVM) %.2f, other processes %.2f", r.summary(), r.maxStartLagMillis(),
                p2.get("hubCpuCores"), p2.get("hubCpuMicrosPerOperation"), p2.get("benchCpuCores"), p2.get("otherCpuCores"));
        say("  end to end at %.0f/s (post → hub.inbound consumer): %s", P2_RATE, p2.get("endToEndAt2000"));
        settle(probe);
        return p2;
    }

    /**
     * P3: webhooks posted at the maximum rate (64 closed-loop clients) while the JMS client consumes
     * hub.inbound over TCP; counts only this phase's messages (their ids carry the phase's tag).
     */
    private Map<String, Object> p3(HubUnderTest hub, String tag, BrokerProbe probe, QueueConsumer inbound)
            throws Exception {
        say("P3 (load %s): webhooks at max rate (closed loop, 64) → hub.inbound consumer over TCP", Machine.loadAverage());
        Path jfr = out.resolve("hub-p3.jfr");
        if (profile) {
            JfrProfile.start(hub.pid(), jfr, "p3");
        }
        WhatsAppWebhooks webhooks = new WhatsAppWebhooks(hub.httpPort(), TENANT, APP_SECRET, tag);
        inbound.countMarked("wamid.BENCH" + tag);
        Duration warm = d(3, 1);
        Duration window = d(15, 3);
        Map<String, Long> stamps = WhatsAppWebhooks.newStamps();
        AtomicLong posted = new AtomicLong();
        RequestSource counted = s -> webhooks.request(posted.getAndIncrement());
        long start = System.nanoTime();
        inbound.measureLatency(stamps, start + warm.toNanos());
        webhooks.stampInto(stamps);
        LoadResult[] holder = new LoadResult[1];
        Thread load = new Thread(() -> {
            try {
                holder[0] = ClosedLoopLoad.run("hub-p3-post", 64, Duration.ZERO, warm.plus(window), 0,
                        HttpCalls.to(LocalTarget.of(hub.httpPort()), counted));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "p3-load");
        load.start();
        sleepUntil(start + warm.toNanos());
        long c0 = inbound.received();
        long m0 = inbound.marked();
        long p0 = posted.get();
        CpuMeter cpu = new CpuMeter(hub.pid(), "hub");
        sleepUntil(System.nanoTime() + window.toNanos());
        long c1 = inbound.received();
        long m1 = inbound.marked();
        long p1 = posted.get();
        Map<String, Object> p3 = new LinkedHashMap<>();
        cpu.stop(p3);
        load.join();
        webhooks.stampInto(null);
        long postedTotal = posted.get();
        // drain: how long until everything posted has reached the consumer (bounded)
        long deadline = System.nanoTime() + d(60, 10).toNanos();
        while (inbound.marked() < postedTotal && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long drained = System.nanoTime();
        long consumedTotal = inbound.marked();
        Histogram e2e = inbound.latency();
        inbound.stopLatency();
        if (profile) {
            JfrProfile.stop(hub.pid(), "p3");
        }
        double secs = cpu.wallSeconds();
        p3.put("consumedPerSecond", round((c1 - c0) / secs));
        p3.put("consumedOfThisPhasePerSecond", round((m1 - m0) / secs));
        p3.put("postedPerSecond", round((p1 - p0) / secs));
        p3.put("hubCpuMicrosPerOperation", CpuMeter.microsPerOperation(cpu.measuredSeconds(), p1 - p0));
        p3.put("posted", postedTotal);
        p3.put("consumed", consumedTotal);
        p3.put("secondsUntilAllConsumed", round((drained - start) / 1e9));
        p3.put("endToEndPerSecondIncludingDrain", round(consumedTotal / ((drained - start) / 1e9)));
        p3.put("latencyAtMaxRate", latency(e2e));
        p3.put("post", holder[0] == null ? null : holder[0].toMap());
        say("  consumed %.0f/s (%.0f/s of this phase's) while posting %.0f/s | CPU cores: hub %.2f (%.0f µs per posted"
                        + " webhook), load generator (this JVM) %.2f, other processes %.2f", p3.get("consumedPerSecond"),
                p3.get("consumedOfThisPhasePerSecond"), p3.get("postedPerSecond"), p3.get("hubCpuCores"),
                p3.get("hubCpuMicrosPerOperation"), p3.get("benchCpuCores"), p3.get("otherCpuCores"));
        say("  %d posted, %d consumed, all consumed after %.1f s (%.0f/s overall); post→consume latency at max rate %s",
                postedTotal, consumedTotal, p3.get("secondsUntilAllConsumed"), p3.get("endToEndPerSecondIncludingDrain"),
                p3.get("latencyAtMaxRate"));
        if (profile) {
            profileReport(jfr, "p3", p3);
        }
        settle(probe);
        return p3;
    }

    /**
     * Enough concurrent submitters to load the hub rather than measure one client's latency: a submission
     * waits for a database and a broker commit (each an fsync), ≈ 100 ms under load.
     */
    private static final int P4_SUBMITTERS = 128;

    private Map<String, Object> p4(HubUnderTest hub, BrokerProbe probe, QueueConsumer events) throws Exception {
        int messages = quick ? 500 : 12_000;
        say("P4 (load %s): %d template messages to %d contacts via the platform API by %d closed-loop clients;"
                + " Graph stub answers after 50 ms", Machine.loadAverage(), messages, messages, P4_SUBMITTERS);
        Path jfr = out.resolve("hub-p4.jfr");
        if (profile) {
            JfrProfile.start(hub.pid(), jfr, "p4");
        }
        events.resetMatches();
        int port = hub.httpPort();
        String path = "/api/v1/tenants/" + TENANT + "/messages";
        RequestSource submit = seq -> RequestSource.http("POST", port, path, "application/json",
                String.format("{\"channel\":\"whatsapp\",\"to\":\"+3162%07d\",\"content\":{\"type\":\"template\","
                        + "\"name\":\"order_confirmation\",\"language\":\"nl\",\"parameters\":[\"%d\"]},"
                        + "\"metadata\":{\"bench\":\"%d\"}}", seq, seq, seq).getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + PLATFORM);
        CpuMeter cpu = new CpuMeter(hub.pid(), "hub");
        long start = System.nanoTime();
        LoadResult accepted = ClosedLoopLoad.run("hub-p4-submit", P4_SUBMITTERS, Duration.ZERO, Duration.ofSeconds(60), messages,
                HttpCalls.to(LocalTarget.of(port), submit));
        long submitted = System.nanoTime();
        say("  submitted: %s", accepted.summary());
        long deadline = System.nanoTime() + Duration.ofSeconds(quick ? 30 : 90).toNanos();
        long last = -1;
        long lastProgress = System.nanoTime();
        while (events.matched() < accepted.ok() && System.nanoTime() < deadline
                && System.nanoTime() - lastProgress < Duration.ofSeconds(15).toNanos()) {
            Thread.sleep(200);
            if (events.matched() != last) {
                last = events.matched();
                lastProgress = System.nanoTime();
            }
        }
        Map<String, Object> p4 = new LinkedHashMap<>();
        cpu.stop(p4);
        if (profile) {
            JfrProfile.stop(hub.pid(), "p4");
        }
        long sent = events.matched();
        double firstToLast = (events.lastMatchNanos() - events.firstMatchNanos()) / 1e9;
        double overall = (events.lastMatchNanos() - start) / 1e9;
        p4.put("submitted", accepted.ok());
        p4.put("submitFailed", accepted.failed());
        p4.put("acceptedPerSecond", round(accepted.ok() / ((submitted - start) / 1e9)));
        p4.put("sent", sent);
        p4.put("sentPerSecond", round(sent / overall));
        p4.put("sentPerSecondFirstToLast", round(sent > 1 ? (sent - 1) / firstToLast : 0));
        p4.put("hubCpuMicrosPerOperation", CpuMeter.microsPerOperation(cpu.measuredSeconds(), sent));
        p4.put("secondsUntilLastSent", round(overall));
        p4.put("submit", accepted.toMap());
        p4.put("dispatchBacklogAfter", probe.messageCount("hub.dispatch"));
        p4.put("hubDispatchMetrics", hubMetrics(hub, "hub_dispatch"));
        say("  %d of %d sent; %.0f sends/s from the first submission to the last `sent` event (%.1f s), %.0f/s first"
                        + " to last sent | CPU cores: hub %.2f (%.0f µs per sent message), load generator + stub (this JVM)"
                        + " %.2f, other processes %.2f", sent, accepted.ok(), p4.get("sentPerSecond"), overall,
                p4.get("sentPerSecondFirstToLast"), p4.get("hubCpuCores"), p4.get("hubCpuMicrosPerOperation"),
                p4.get("benchCpuCores"), p4.get("otherCpuCores"));
        if (profile) {
            profileReport(jfr, "p4", p4);
        }
        return p4;
    }

    /**
     * Empties what a phase left on the internal queues (un-normalized intake, unconsumed inbound), then
     * waits (bounded) until the messages the normalize consumers had already taken are through, so one
     * phase's backlog does not load the next.
     */
    private void settle(BrokerProbe probe) throws Exception {
        long intake = probe.removeAll("hub.intake");
        long inbound = probe.removeAll("hub.inbound");
        long deadline = System.nanoTime() + d(30, 5).toNanos();
        long left = probe.messageCount("hub.intake");
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            left = probe.messageCount("hub.intake");
        }
        if (intake + inbound + left > 0) {
            say("  (emptied %d intake and %d inbound messages left by the phase%s)", intake, inbound,
                    left > 0 ? "; " + left + " still being normalized after 30 s" : "");
        }
        Thread.sleep(quick ? 200 : 1000);
    }

    private void profileReport(Path jfr, String phase, Map<String, Object> into) throws Exception {
        String text = JfrProfile.analyze(jfr, 25);
        Path report = out.resolve("hub-" + phase + "-profile.txt");
        Files.writeString(report, text);
        into.put("profileTopSelf", JfrProfile.topSelf(jfr, 15));
        say("  profile of %s: %s (recording %s)", phase, report, jfr);
        System.out.println(text.lines().limit(60).reduce("", (a, b) -> a + "    " + b + "\n"));
    }

    // ---------------------------------------------------------------- report

    private String table(Map<Integer, Map<String, Object>> rawArtemis, Map<Integer, Map<String, Object>> rawHttp,
                         Map<String, Object> hub) {
        StringBuilder t = new StringBuilder();
        Map<?, ?> machine = (Map<?, ?>) json.get("machine");
        t.append("Run ").append(json.get("startedAt")).append(" on ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("memory")).append(", ").append(machine.get("cpu")).append(", ")
                .append(machine.get("java")).append("; load average at start ").append(machine.get("loadAverageAtStart"))
                .append("; hub database ").append(json.get("database"))
                .append(quick ? " — QUICK MODE (smoke test, not figures)" : "").append("\n\n");
        t.append("| figure | hub | raw baseline | hub / raw | CPU per operation (µs of the measured process) | target | met |\n"
                + "|---|---|---|---|---|---|---|\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> p1 = (Map<String, Object>) hub.get("P1");
        p1Rows(t, "P1", p1, rawArtemis, rawHttp);
        @SuppressWarnings("unchecked")
        Map<String, Object> ackOnly = (Map<String, Object>) hub.get("P1ackPathOnly");
        p1Rows(t, "P1 ack path only", ackOnly, rawArtemis, rawHttp);
        @SuppressWarnings("unchecked")
        Map<String, Object> p2 = (Map<String, Object>) hub.get("P2");
        if (p2 != null) {
            double p99 = (Double) p2.get("p99Ms");
            double p999 = (Double) p2.get("p999Ms");
            t.append(String.format("| P2 | at %,.0f/s offered (%,.0f/s acked): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms"
                            + " (load from the bench JVM) | — | — | hub %s per webhook | p99 ≤ 20 ms, p99.9 ≤ 100 ms | %s |%n",
                    p2.get("targetRate"), p2.get("perSecond"), p2.get("p50Ms"), p99, p999, p2.get("maxMs"),
                    micros(p2.get("hubCpuMicrosPerOperation")),
                    yes(p99 <= 20 && p999 <= 100 && ((Number) p2.get("failed")).longValue() == 0)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> p3 = (Map<String, Object>) hub.get("P3");
        if (p3 != null) {
            double rate = (Double) p3.get("consumedPerSecond");
            t.append(String.format("| P3 | %,.0f consumed/s from hub.inbound over TCP while posting %,.0f/s; end-to-end"
                            + " latency at 2,000/s %s | — | — | hub %s per posted webhook | ≥ 5,000/s | %s |%n",
                    rate, p3.get("postedPerSecond"), p2 == null ? "—" : p2.get("endToEndAt2000"),
                    micros(p3.get("hubCpuMicrosPerOperation")), yes(rate >= 5000)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> p4 = (Map<String, Object>) hub.get("P4");
        if (p4 != null) {
            double rate = (Double) p4.get("sentPerSecond");
            t.append(String.format("| P4 | %,.0f sends/s (%d of %d sent in %.1f s; accepted %,.0f/s) | stub: 50 ms per send"
                            + " | — | hub %s per sent message (submission to `sent` event) | ≥ 2,000/s | %s |%n",
                    rate, p4.get("sent"), p4.get("submitted"), p4.get("secondsUntilLastSent"),
                    p4.get("acceptedPerSecond"), micros(p4.get("hubCpuMicrosPerOperation")), yes(rate >= 2000)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> startup = (Map<String, Object>) hub.get("P5startup");
        if (startup != null) {
            double s = (Double) startup.get("healthUpSeconds");
            t.append(String.format("| P5 start-up | health UP %.1f s after process start (log: \"Started … in %s s\") | — | — "
                    + "| — | ≤ 3 s | %s |%n", s, startup.get("startedInSeconds"), yes(s <= 3)));
        }
        if (p1 != null && p1.get("P5heap") != null) {
            Map<?, ?> heap = (Map<?, ?>) p1.get("P5heap");
            double used = (Double) heap.get("maxHeapUsedMb");
            t.append(String.format("| P5 heap | max %.0f MB used under P1 (-Xmx512m; committed ≤ %.0f MB, old gen ≤ %.0f MB)"
                    + " | — | — | — | ≤ 256 MB | %s |%n", used, heap.get("maxHeapCommittedMb"), heap.get("maxOldGenUsedMb"),
                    yes(used <= 256)));
        }
        return t.toString();
    }

    private static void p1Rows(StringBuilder t, String label, Map<String, Object> p1,
                               Map<Integer, Map<String, Object>> rawArtemis, Map<Integer, Map<String, Object>> rawHttp) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> levels = p1 == null ? List.of() : (List<Map<String, Object>>) p1.get("levels");
        for (Map<String, Object> level : levels) {
            int c = (Integer) level.get("concurrency");
            double rate = (Double) level.get("perSecond");
            Map<String, Object> a = rawArtemis.getOrDefault(c, Map.of());
            Map<String, Object> h = rawHttp.getOrDefault(c, Map.of());
            double ratio = rate / number(a.get("perSecond"));
            double httpRatio = rate / number(h.get("perSecond"));
            t.append(String.format("| %s c=%d | %,.0f webhooks/s (p50 %.1f ms, p99 %.1f ms; %d non-2xx; CPU cores: hub %.2f,"
                            + " wrk %.2f, bench JVM %.2f, others %.2f) | Artemis %,.0f msg/s (its JVM %.2f cores); HTTP %,.0f"
                            + " req/s (app %.2f cores, wrk %.2f) | %.2f × Artemis; %.2f × HTTP | hub %s per webhook; raw HTTP"
                            + " %s per request; raw Artemis %s per durable send | ≥ 8,000/s and ≥ 0.5 × raw HTTP | %s |%n",
                    label, c, rate, level.get("p50Ms"), level.get("p99Ms"), ((Number) level.get("non2xx")).longValue(),
                    level.get("hubCpuCores"), level.get("wrkCpuCores"), level.get("benchCpuCores"), level.get("otherCpuCores"),
                    number(a.get("perSecond")), number(a.get("measuredCpuCores")), number(h.get("perSecond")),
                    number(h.get("measuredCpuCores")), number(h.get("wrkCpuCores")), ratio, httpRatio,
                    micros(level.get("hubCpuMicrosPerOperation")), micros(h.get("measuredCpuMicrosPerOperation")),
                    micros(a.get("measuredCpuMicrosPerOperation")), yes(rate >= 8000 && httpRatio >= 0.5)));
        }
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String micros(Object value) {
        return value instanceof Number n && !Double.isNaN(n.doubleValue()) ? String.format("%,.0f µs", n.doubleValue()) : "—";
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    private void write(String table) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String md = "# Benchmark run\n\n" + table + "\n```\n" + String.join("\n", log) + "\n```\n";
        Files.writeString(out.resolve("latest.md"), md);
        Files.writeString(out.resolve("run-" + stamp + ".md"), md);
        mapper.writeValue(out.resolve("latest.json").toFile(), json);
        mapper.writeValue(out.resolve("run-" + stamp + ".json").toFile(), json);
        say("results: %s, %s", out.resolve("latest.md"), out.resolve("latest.json"));
    }

    // ---------------------------------------------------------------- helpers

    /** The hub's own Prometheus lines whose name starts with {@code prefix}. */
    private static List<String> hubMetrics(HubUnderTest hub, String prefix) {
        try {
            String text = java.net.http.HttpClient.newHttpClient().send(hub.metricsRequest(OPS),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(l -> l.startsWith(prefix)).toList();
        } catch (Exception e) {
            return List.of(e.toString());
        }
    }

    private static Map<String, Object> latency(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            m.put("p50Ms", round(h.getValueAtPercentile(50) / 1000.0));
            m.put("p99Ms", round(h.getValueAtPercentile(99) / 1000.0));
            m.put("p999Ms", round(h.getValueAtPercentile(99.9) / 1000.0));
            m.put("maxMs", round(h.getMaxValue() / 1000.0));
        }
        return m;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
