package io.channelhub.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds a process has used (user + system, its exited threads included), from /proc/&lt;pid&gt;/stat:
 * the same source for the hub, the baselines' child JVMs, this JVM and wrk (whose Lua {@code done} reads its
 * own /proc/self/stat), so their figures compare.
 */
public final class ProcCpu {
    /** USER_HZ: the unit of /proc's CPU times on Linux, 100 on every architecture the JDK runs on. */
    public static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {
    }

    /** CPU seconds of the process, or NaN once it has gone (or off Linux). */
    public static double seconds(long pid) {
        try {
            return fromStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public static double self() {
        return seconds(ProcessHandle.current().pid());
    }

    /** utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, hence from the ')'. */
    static double fromStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
