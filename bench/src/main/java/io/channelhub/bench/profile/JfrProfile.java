package io.channelhub.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recording of the hub during one phase (jcmd JFR.start with the {@code profile} settings,
 * JFR.stop at its end), and a small aggregation of it: where the CPU samples are (by thread pool, by
 * library, by method), which hub and framework methods are on the stack, where threads block, and GC.
 */
public final class JfrProfile {
    private static final List<String> INTERESTING = List.of("io.channelhub.", "org.apache.camel.",
            "org.springframework.jms.", "org.messaginghub.", "org.apache.activemq.", "org.h2.", "com.zaxxer.",
            "com.fasterxml.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
            "org.springframework.web.", "org.springframework.security.", "io.micrometer.", "org.springframework.jdbc.",
            "org.springframework.transaction.", "javax.crypto.", "org.flywaydb.", "java.net.http.", "jdk.internal.net.http.",
            "io.github.resilience4j.");

    /** Where idle pool threads and polling consumers wait for work: not contention, left out. */
    private static final List<String> IDLE_WAITS = List.of("utils.ActiveMQThreadPoolExecutor$ThreadPoolQueue.poll",
            "utils.ActiveMQThreadFactory$1.run", "threads.TaskQueue.poll", "impl.ClientConsumerImpl.receive",
            "mvstore.FileStore$BackgroundWriterThread.run", "impl.RemotingServiceImpl$FailureCheckAndFlushThread.run",
            "buffer.TimedBuffer$CheckTimer.run", "threads.TaskThread$WrappingRunnable.run", "lang.Object.wait",
            "misc.Unsafe.park", "lang.Thread.run", "concurrent.ThreadPoolExecutor.getTask",
            "util.TimerThread.mainLoop", "?");

    private JfrProfile() {
    }

    public static void start(long pid, Path file, String name) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile", "filename=" + file.toAbsolutePath());
    }

    public static void stop(long pid, String name) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + name);
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** Frames whose share of the CPU samples (anywhere on the stack) the report gives, when present. */
    private static final List<String> MARKERS = List.of("SpringApplication.run", "EmbeddedActiveMQ.start",
            "ActiveMQServerImpl.start", "JournalStorageManager.loadMessageJournal", "JournalImpl.load",
            "AbstractCamelContext.start", "AbstractCamelContext.doStart", "Flyway.migrate", "HikariDataSource.getConnection",
            "TomcatWebServer.start", "ClassLoader.loadClass", "ConfigurationClassPostProcessor",
            "AbstractAutowireCapableBeanFactory.createBean", "springdoc", "JmsTemplate.execute",
            "ActiveMQSession.createQueue", "JmsPoolConnectionFactory.createConnection", "ServerHttpObservationFilter",
            "WebhookIntakeService.decide", "PayloadSyntax.problem", "HmacSignatures.hmac", "NormalizeStep.process",
            "InboundRecorder.record", "MessageRepository.insert", "ContactRepository.touchInbound",
            "UsageRepository.count", "org.h2.", "DispatchStep", "WhatsAppApiClient.send", "SubmissionService",
            "io.micrometer.");

    /** The aggregation as text; {@code top} lines per table. */
    public static String analyze(Path file, int top) throws IOException {
        Map<String, Long> markers = new LinkedHashMap<>();
        Map<String, Long> selfMethods = new HashMap<>();
        Map<String, Long> selfLibraries = new HashMap<>();
        Map<String, Long> callerLibraries = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> firstHubFrame = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        Map<String, Long> blockedNanos = new HashMap<>();
        Map<String, Long> blockedCount = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        long gcs = 0;
        long gcPauseNanos = 0;
        long longestPauseNanos = 0;
        long fileForces = 0;
        long fileForceNanos = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    RecordedThread t = e.getThread("sampledThread");
                    threads.merge(pool(t == null ? "?" : t.getJavaName()), 1L, Long::sum);
                    List<RecordedFrame> frames = st.getFrames();
                    String topMethod = name(frames.get(0).getMethod());
                    selfMethods.merge(topMethod, 1L, Long::sum);
                    selfLibraries.merge(library(frames.get(0).getMethod().getType().getName()), 1L, Long::sum);
                    String owner = "JDK only";
                    for (RecordedFrame f : frames) {
                        if (f.getMethod() != null && !isJdk(f.getMethod().getType().getName())) {
                            owner = library(f.getMethod().getType().getName());
                            break;
                        }
                    }
                    callerLibraries.merge(owner, 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    Set<String> marked = new HashSet<>();
                    boolean hubSeen = false;
                    for (RecordedFrame f : frames) {
                        if (f.getMethod() == null) {
                            continue;
                        }
                        String cls = f.getMethod().getType().getName();
                        String m = name(f.getMethod());
                        if (!hubSeen && cls.startsWith("io.channelhub.")) {
                            firstHubFrame.merge(m, 1L, Long::sum);
                            hubSeen = true;
                        }
                        if (INTERESTING.stream().anyMatch(cls::startsWith) && seen.add(m)) {
                            inclusive.merge(m, 1L, Long::sum);
                        }
                        String full = cls + "." + f.getMethod().getName();
                        for (String marker : MARKERS) {
                            if (full.contains(marker) && marked.add(marker)) {
                                markers.merge(marker, 1L, Long::sum);
                            }
                        }
                    }
                }
                case "jdk.NativeMethodSample" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null && !st.getFrames().isEmpty()) {
                        nativeSamples++;
                        RecordedThread t = e.getThread("sampledThread");
                        nativeTop.merge(name(st.getFrames().get(0).getMethod()) + "  [" + pool(t == null ? "?"
                                : t.getJavaName()) + "]", 1L, Long::sum);
                    }
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.JavaMonitorWait" -> {
                    String where = nonJdkFrames(e.getStackTrace(), 3);
                    if (IDLE_WAITS.stream().anyMatch(where::startsWith)) {
                        continue;
                    }
                    String key = type.substring(4) + " @ " + where;
                    blockedNanos.merge(key, e.getDuration().toNanos(), Long::sum);
                    blockedCount.merge(key, 1L, Long::sum);
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    long pause = e.getDuration("sumOfPauses").toNanos();
                    gcPauseNanos += pause;
                    longestPauseNanos = Math.max(longestPauseNanos, e.getDuration("longestPause").toNanos());
                }
                case "jdk.FileForce" -> {
                    fileForces++;
                    fileForceNanos += e.getDuration().toNanos();
                }
                default -> {
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("JFR %s: %,d CPU samples (jdk.ExecutionSample), %,d native samples%n", file.getFileName(),
                samples, nativeSamples));
        out.append(String.format("GC: %d collections, %.0f ms paused in all, longest pause %.1f ms%n", gcs,
                gcPauseNanos / 1e6, longestPauseNanos / 1e6));
        if (fileForces > 0) {
            out.append(String.format("fsync (jdk.FileForce over threshold): %d, %.0f ms%n", fileForces, fileForceNanos / 1e6));
        }
        table(out, "CPU samples by thread pool", threads, samples, top);
        table(out, "Share of CPU samples with these frames on the stack", markers, samples, MARKERS.size());
        table(out, "CPU samples by library of the innermost non-JDK frame (JDK time charged to its caller)",
                callerLibraries, samples, top);
        table(out, "CPU samples by library of the top frame (self)", selfLibraries, samples, top);
        table(out, "Top methods, self (top frame)", selfMethods, samples, top);
        table(out, "Hub/framework methods on the stack (inclusive)", inclusive, samples, top * 2);
        table(out, "First io.channelhub frame from the top (which hub code the CPU is spent under)", firstHubFrame,
                samples, top);
        table(out, "Native samples by top frame [thread pool]", nativeTop, nativeSamples, top);
        out.append("\n## Blocking: monitor enter / park / wait events over the profile threshold (10-20 ms), by total time; idle waits of pools and polling consumers left out\n");
        blockedNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.append(String.format("%10.0f ms %7d x  %s%n", en.getValue() / 1e6,
                        blockedCount.get(en.getKey()), en.getKey())));
        return out.toString();
    }

    /** The top entries as a map (for the JSON results). */
    public static Map<String, Object> topSelf(Path file, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null
                    && !e.getStackTrace().getFrames().isEmpty()) {
                samples++;
                self.merge(name(e.getStackTrace().getFrames().get(0).getMethod()), 1L, Long::sum);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        long total = samples;
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> m.put(en.getKey(), Math.round(1000.0 * en.getValue() / Math.max(1, total)) / 10.0));
        return m;
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append("\n## ").append(title).append('\n');
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(top)
                .forEach(en -> out.append(String.format("%6.1f %%  %7d  %s%n", 100.0 * en.getValue() / Math.max(1, total),
                        en.getValue(), en.getKey())));
    }

    private static String name(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        String cls = m.getType().getName();
        return cls.substring(cls.lastIndexOf('.', cls.lastIndexOf('.') - 1) + 1) + "." + m.getName();
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("javax.crypto.")
                || cls.startsWith("com.sun.");
    }

    /** Re-aggregates recordings: {@code java -cp ... io.channelhub.bench.profile.JfrProfile FILE.jfr...}. */
    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(analyze(Path.of(file), 25));
        }
    }

    /** The first {@code n} frames outside the JDK, innermost first, joined with " ← ". */
    private static String nonJdkFrames(RecordedStackTrace st, int n) {
        if (st == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder();
        int found = 0;
        String previous = null;
        for (RecordedFrame f : st.getFrames()) {
            if (f.getMethod() == null) {
                continue;
            }
            String cls = f.getMethod().getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
                String m = name(f.getMethod());
                if (m.equals(previous)) {
                    continue;
                }
                sb.append(found == 0 ? "" : " ← ").append(m);
                previous = m;
                if (++found == n) {
                    break;
                }
            }
        }
        if (found == 0) {
            return st.getFrames().isEmpty() ? "?" : name(st.getFrames().get(0).getMethod());
        }
        return sb.toString();
    }

    /** "http-nio-127.0.0.1-8080-exec-12" → "http-nio-…-exec-#": thread names without their numbers. */
    static String pool(String thread) {
        if (thread == null) {
            return "?";
        }
        return thread.replaceAll("127\\.0\\.0\\.1-\\d+", "…").replaceAll("\\d+", "#");
    }

    /** The library a class belongs to: its first three package segments (java.* and jdk.* by two). */
    static String library(String cls) {
        String[] parts = cls.split("\\.");
        int n = cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") ? 2 : 3;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, parts.length - 1); i++) {
            sb.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return sb.toString();
    }
}
