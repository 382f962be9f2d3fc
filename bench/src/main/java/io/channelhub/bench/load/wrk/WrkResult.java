package io.channelhub.bench.load.wrk;

import io.channelhub.bench.report.ProcCpu;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run measured: its own summary (Requests/sec, "Non-2xx or 3xx responses", socket errors) and
 * the line webhooks.lua's {@code done} prints (exact counts, latency percentiles in µs, wrk's CPU). Successes
 * are the 2xx answers: the hub answers 200 to an accepted webhook.
 */
public record WrkResult(String name, int connections, int threads, long requests, long non2xx, long socketErrors,
                        double seconds, double wrkRequestsPerSecond, long p50Micros, long p90Micros, long p99Micros,
                        long p999Micros, long maxMicros, double cpuSeconds, long idsReused) {
    private static final Pattern RESULT = Pattern.compile("^wrk-result (.*)$", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    static WrkResult parse(String name, int connections, int threads, String output) {
        Matcher m = RESULT.matcher(output);
        Matcher rate = RATE.matcher(output);
        if (!m.find() || !rate.find()) {
            throw new IllegalStateException("wrk's output has no summary or no wrk-result line:\n" + output);
        }
        Map<String, Long> f = new HashMap<>();
        for (String kv : m.group(1).trim().split("\\s+")) {
            String[] p = kv.split("=", 2);
            f.put(p[0], Long.parseLong(p[1]));
        }
        Matcher non2xx = NON_2XX.matcher(output);
        long statusErrors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        if (statusErrors != f.get("non2xx")) {
            throw new IllegalStateException("wrk's summary and its done() disagree on non-2xx answers:\n" + output);
        }
        return new WrkResult(name, connections, threads, f.get("requests"), statusErrors,
                f.get("connect") + f.get("read") + f.get("write") + f.get("timeout"), f.get("duration_us") / 1e6,
                Double.parseDouble(rate.group(1)), f.get("p50_us"), f.get("p90_us"), f.get("p99_us"), f.get("p999_us"),
                f.get("max_us"), f.get("cpu_ticks") / ProcCpu.TICKS_PER_SECOND, f.get("reused"));
    }

    /** 2xx answers. */
    public long ok() {
        return requests - non2xx;
    }

    public double perSecond() {
        return seconds <= 0 ? 0 : ok() / seconds;
    }

    /** The keys LoadResult.toMap has, so latest.json keeps its shape, plus wrk's own. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("mode", "closed-loop (wrk)");
        m.put("workers", connections);
        m.put("wrkThreads", threads);
        m.put("ok", ok());
        m.put("failed", non2xx + socketErrors);
        m.put("non2xx", non2xx);
        m.put("socketErrors", socketErrors);
        m.put("seconds", round(seconds));
        m.put("perSecond", round(perSecond()));
        m.put("wrkRequestsPerSecond", wrkRequestsPerSecond);
        m.put("p50Ms", p50Micros / 1000.0);
        m.put("p90Ms", p90Micros / 1000.0);
        m.put("p99Ms", p99Micros / 1000.0);
        m.put("p999Ms", p999Micros / 1000.0);
        m.put("maxMs", maxMicros / 1000.0);
        m.put("wrkCpuSeconds", round(cpuSeconds));
        m.put("idsReused", idsReused);
        return m;
    }

    public String summary() {
        return String.format("%s: %,.0f/s (%d ok, %d non-2xx, %d socket errors in %.1f s; wrk -t%d -c%d) p50 %.2f ms"
                        + " p99 %.2f ms p99.9 %.2f ms max %.2f ms%s", name, perSecond(), ok(), non2xx, socketErrors, seconds,
                threads, connections, p50Micros / 1000.0, p99Micros / 1000.0, p999Micros / 1000.0, maxMicros / 1000.0,
                idsReused > 0 ? "; " + idsReused + " requests REUSED an id (pool too small)" : "");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
