package io.channelhub.bench.report;

import java.util.Map;

/**
 * CPU used during one step, in cores and in seconds: by the measured process (the hub or a baseline's child
 * JVM), by this JVM, by the external load generator (wrk, which reports its own CPU when it ends), and by
 * everything else on the machine (/proc/stat), so a step disturbed by other work shows as such.
 */
public final class CpuMeter {
    private final long measuredPid;
    private final String label;
    private final double measuredStart;
    private final double benchStart;
    private final double allStart;
    private final long wallStart = System.nanoTime();
    private long wallEnd;
    private double measuredSeconds;

    /**
     * {@code label} names the measured process's keys ("hub" → hubCpuSeconds, hubCpuCores); {@code measuredPid}
     * ≤ 0: nothing measured but this JVM.
     */
    public CpuMeter(long measuredPid, String label) {
        this.measuredPid = measuredPid;
        this.label = label;
        measuredStart = measuredPid > 0 ? ProcCpu.seconds(measuredPid) : 0;
        benchStart = ProcCpu.self();
        allStart = Machine.busyCpuSeconds();
    }

    /**
     * Puts the measured process's CPU seconds and cores, benchCpuCores, wrkCpuCores (when {@code wrkCpuSeconds}
     * is a number) and otherCpuCores into {@code into}.
     */
    public void stop(Map<String, Object> into, double wrkCpuSeconds) {
        wallEnd = System.nanoTime();
        double wall = wallSeconds();
        measuredSeconds = measuredPid > 0 ? ProcCpu.seconds(measuredPid) - measuredStart : 0;
        double bench = ProcCpu.self() - benchStart;
        double wrk = Double.isNaN(wrkCpuSeconds) ? 0 : wrkCpuSeconds;
        double all = Machine.busyCpuSeconds() - allStart;
        into.put(label + "CpuSeconds", round(measuredSeconds));
        into.put(label + "CpuCores", round(measuredSeconds / wall));
        into.put("benchCpuCores", round(bench / wall));
        if (!Double.isNaN(wrkCpuSeconds)) {
            into.put("wrkCpuCores", round(wrk / wall));
        }
        into.put("otherCpuCores", round(Math.max(0, (all - measuredSeconds - bench - wrk) / wall)));
    }

    public void stop(Map<String, Object> into) {
        stop(into, Double.NaN);
    }

    /** CPU seconds the measured process used between start and stop. */
    public double measuredSeconds() {
        return measuredSeconds;
    }

    public double wallSeconds() {
        return ((wallEnd == 0 ? System.nanoTime() : wallEnd) - wallStart) / 1e9;
    }

    /** µs of the measured process's CPU per operation, the figure that compares the hub with the baselines. */
    public static double microsPerOperation(double cpuSeconds, long operations) {
        return operations <= 0 ? Double.NaN : round(cpuSeconds * 1e6 / operations);
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
