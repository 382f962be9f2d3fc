package io.channelhub.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured in its window (after warm-up): successes, failures, the rate, and latencies
 * in microseconds in an HdrHistogram.
 */
public record LoadResult(String name, String mode, int workers, double targetRate, long ok, long failed,
                         double seconds, Histogram latencyMicros, String failure, double maxStartLagMillis) {

    public double perSecond() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    public double percentileMillis(double p) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("mode", mode);
        m.put("workers", workers);
        if (targetRate > 0) {
            m.put("targetRate", targetRate);
            m.put("maxStartLagMs", round(maxStartLagMillis));
        }
        m.put("ok", ok);
        m.put("failed", failed);
        m.put("seconds", round(seconds));
        m.put("perSecond", round(perSecond()));
        m.put("p50Ms", round(percentileMillis(50)));
        m.put("p90Ms", round(percentileMillis(90)));
        m.put("p99Ms", round(percentileMillis(99)));
        m.put("p999Ms", round(percentileMillis(99.9)));
        m.put("maxMs", round(maxMillis()));
        if (failure != null) {
            m.put("failure", failure);
        }
        return m;
    }

    public String summary() {
        return String.format("%s: %,.0f/s (%d ok, %d failed in %.1f s) p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms%s",
                name, perSecond(), ok, failed, seconds, percentileMillis(50), percentileMillis(99),
                percentileMillis(99.9), maxMillis(), failure == null ? "" : " first failure: " + failure);
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }

    static Histogram newHistogram() {
        return new Histogram(1, 120_000_000L, 3);
    }
}
