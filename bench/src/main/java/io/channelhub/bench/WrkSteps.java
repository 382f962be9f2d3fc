package io.channelhub.bench;

import io.channelhub.bench.hub.WhatsAppWebhooks;
import io.channelhub.bench.hub.WrkWebhookPool;
import io.channelhub.bench.load.wrk.Wrk;
import io.channelhub.bench.load.wrk.WrkResult;
import io.channelhub.bench.report.CpuMeter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One closed-loop level of signed webhooks from wrk: a warm-up run, discarded, then the measured run with the
 * CPU of the measured process, of this JVM and of wrk around it. Two runs rather than one with a warm-up
 * window because wrk 4 has none; each gets fresh connections, as a new client would.
 */
final class WrkSteps {
    /**
     * The rate each run's pool of distinct ids is sized for: far above what the hub acks on 2 cores, so no id
     * repeats (a run that outgrows it says so); signing it ahead costs this JVM ≈ 3 µs per id, between steps.
     */
    static final int DISTINCT_IDS_PER_SECOND = 20_000;
    /** A baseline that ignores ids cycles through a small pool. */
    static final int CYCLED_POOL = 4096;
    private final Wrk wrk;
    private final int threads;

    WrkSteps(Wrk wrk, int threads) {
        this.wrk = wrk;
        this.threads = threads;
    }

    /**
     * {@code seq} set: every request of both runs gets an id of its own, taken from it; null: a cycled pool.
     * Both pools are written first, so the measured run follows the warm-up at once; {@code beforeMeasuring}
     * runs just before it. The map has WrkResult's keys, concurrency, the CPU figures, and
     * {@code label}CpuMicrosPerOperation: µs of the measured process's CPU per 2xx answer.
     */
    Map<String, Object> level(String name, WhatsAppWebhooks webhooks, AtomicLong seq, int connections, Duration warmUp,
                              Duration window, long measuredPid, String label, Runnable beforeMeasuring) throws Exception {
        long t0 = System.nanoTime();
        Path warmDir = warmUp.isZero() ? null : pool(webhooks, seq, warmUp);
        Path dir = pool(webhooks, seq, window);
        double poolSeconds = (System.nanoTime() - t0) / 1e9;
        WrkResult r;
        CpuMeter cpu;
        try {
            if (warmDir != null) {
                wrk.run(name + "-warmup", target(webhooks), connections, threads, warmUp, warmDir);
            }
            beforeMeasuring.run();
            cpu = new CpuMeter(measuredPid, label);
            r = wrk.run(name, target(webhooks), connections, threads, window, dir);
        } finally {
            delete(dir);
            if (warmDir != null) {
                delete(warmDir);
            }
        }
        Map<String, Object> level = r.toMap();
        level.put("concurrency", connections);
        cpu.stop(level, r.cpuSeconds());
        level.put(label + "CpuMicrosPerOperation", CpuMeter.microsPerOperation(cpu.measuredSeconds(), r.ok()));
        level.put("requestPoolSeconds", Math.round(poolSeconds * 100) / 100.0);
        level.put("summary", r.summary());
        return level;
    }

    private static URI target(WhatsAppWebhooks webhooks) {
        return URI.create("http://127.0.0.1:" + webhooks.port() + webhooks.path());
    }

    private Path pool(WhatsAppWebhooks webhooks, AtomicLong seq, Duration duration) throws Exception {
        Path dir = Files.createTempDirectory("bench-wrk-");
        long size = seq == null ? CYCLED_POOL : DISTINCT_IDS_PER_SECOND * Math.max(1, duration.toSeconds());
        int perThread = (int) ((size + threads - 1) / threads);
        long first = seq == null ? 0 : seq.getAndAdd((long) perThread * threads);
        WrkWebhookPool.write(webhooks, dir, first, perThread, threads, seq != null);
        return dir;
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.out.println("could not delete " + dir + ": " + e);
        }
    }
}
