package io.channelhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelhub.bench.baseline.ChildJvm;
import io.channelhub.bench.baseline.RawArtemisProcess;
import io.channelhub.bench.baseline.http.TrivialHttpApp;
import io.channelhub.bench.hub.WhatsAppWebhooks;
import io.channelhub.bench.report.CpuMeter;
import io.channelhub.bench.report.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The raw baselines, each in a child JVM of its own started as the hub is (-Xmx512m, compact object headers),
 * so that neither shares the bench JVM with what drives or watches it: raw Artemis (broker and producers in
 * one process, as in the hub) and raw HTTP (the trivial Spring Boot/Tomcat app, driven by wrk as the hub
 * is in P1). Each level reports the rate, the child's CPU and µs of it per operation.
 */
final class Baselines {
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseCompactObjectHeaders");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);
    /** As the hub gets before P1: a fresh JVM spends its first seconds compiling, which is not the baseline. */
    private static final int JIT_WARM_UP_CLIENTS = 32;
    private final WrkSteps wrk;
    private final Duration jitWarmUp;
    private final Path logDir;
    private final Consumer<String> say;

    Baselines(WrkSteps wrk, Duration jitWarmUp, Path logDir, Consumer<String> say) {
        this.wrk = wrk;
        this.jitWarmUp = jitWarmUp;
        this.logDir = logDir;
        this.say = say;
    }

    /** Keys of each level: LoadResult's, concurrency, measuredCpuSeconds/Cores, bench/other cores, µs per send. */
    Map<Integer, Map<String, Object>> rawArtemis(int[] levels, Duration warmUp, Duration window, Map<String, Object> json)
            throws Exception {
        Map<Integer, Map<String, Object>> results = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("bench-artemis-");
        say.accept(String.format("raw Artemis baseline (load %s): broker + in-VM producers in a child JVM, journal in %s",
                Machine.loadAverage(), dir));
        ObjectMapper mapper = new ObjectMapper();
        try (ChildJvm child = ChildJvm.start(RawArtemisProcess.class, CHILD_JVM_OPTIONS,
                List.of(dir.toString(), "500000"), logDir.resolve("raw-artemis.log"))) {
            String ready = child.answer(ANSWER_TIMEOUT);
            String journal = ready.substring(ready.indexOf(' ') + 1);
            say.accept("  journal type in use: " + journal + "; child JVM pid " + child.pid());
            json.put("rawArtemisJournal", journal);
            Map<?, ?> jit = mapper.readValue(run(child, JIT_WARM_UP_CLIENTS, jitWarmUp).substring("result ".length()), Map.class);
            say.accept(String.format("  warm-up (JIT): %s msg/s by %d producers", jit.get("perSecond"), JIT_WARM_UP_CLIENTS));
            for (int c : levels) {
                run(child, c, warmUp);
                CpuMeter cpu = new CpuMeter(child.pid(), "measured");
                String answer = run(child, c, window);
                @SuppressWarnings("unchecked")
                Map<String, Object> level = mapper.readValue(answer.substring("result ".length()), Map.class);
                level.put("concurrency", c);
                cpu.stop(level);
                long ok = ((Number) level.get("ok")).longValue();
                level.put("measuredCpuMicrosPerOperation", CpuMeter.microsPerOperation(cpu.measuredSeconds(), ok));
                results.put(c, level);
                say.accept(String.format("  raw-artemis-c%d: %,.0f msg/s (%d ok, %s failed) p50 %s ms p99 %s ms | CPU cores:"
                                + " broker+producers JVM %s (%s µs per durable send), bench JVM %s, other processes %s", c,
                        level.get("perSecond"), ok, level.get("failed"), level.get("p50Ms"), level.get("p99Ms"),
                        level.get("measuredCpuCores"), level.get("measuredCpuMicrosPerOperation"),
                        level.get("benchCpuCores"), level.get("otherCpuCores")));
            }
        } finally {
            if (Files.exists(dir)) { // the child deletes it when it ends normally
                BenchmarkRun.deleteTree(dir);
            }
        }
        return results;
    }

    private static String run(ChildJvm child, int producers, Duration duration) throws InterruptedException {
        child.send("run " + producers + " " + duration.toMillis());
        String answer = child.answer(ANSWER_TIMEOUT);
        if (!answer.startsWith("result ")) {
            throw new IllegalStateException("raw Artemis child: " + answer);
        }
        return answer;
    }

    /** The same signed 1 KiB webhook as the hub gets, on the trivial app's path. */
    Map<Integer, Map<String, Object>> rawHttp(int[] levels, Duration warmUp, Duration window, String appSecret)
            throws Exception {
        Map<Integer, Map<String, Object>> results = new LinkedHashMap<>();
        say.accept(String.format("raw HTTP baseline (load %s): trivial Spring Boot/Tomcat app in a child JVM, load from wrk",
                Machine.loadAverage()));
        try (ChildJvm child = ChildJvm.start(TrivialHttpApp.class, CHILD_JVM_OPTIONS, List.of(),
                logDir.resolve("raw-http.log"))) {
            int port = Integer.parseInt(child.answer(ANSWER_TIMEOUT).substring("port ".length()));
            WhatsAppWebhooks webhooks = WhatsAppWebhooks.atPath(port, TrivialHttpApp.PATH, appSecret, "RAW");
            Map<String, Object> jit = wrk.level("raw-http-jit-warmup", webhooks, null, JIT_WARM_UP_CLIENTS, Duration.ZERO,
                    jitWarmUp, child.pid(), "measured", () -> { });
            say.accept("  warm-up (JIT): " + jit.get("summary"));
            for (int c : levels) {
                Map<String, Object> level = wrk.level("raw-http-c" + c, webhooks, null, c, warmUp, window, child.pid(),
                        "measured", () -> { });
                results.put(c, level);
                say.accept(String.format("  %s | CPU cores: app JVM %s (%s µs per request), wrk %s, bench JVM %s, other"
                                + " processes %s", level.get("summary"), level.get("measuredCpuCores"),
                        level.get("measuredCpuMicrosPerOperation"), level.get("wrkCpuCores"), level.get("benchCpuCores"),
                        level.get("otherCpuCores")));
            }
        }
        return results;
    }
}
