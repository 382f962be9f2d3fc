package io.channelhub.bench.load.wrk;

import io.channelhub.bench.load.Limits;
import io.channelhub.bench.load.LocalTarget;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * wrk (4.x, closed loop) as the HTTP load generator: a separate process written in C, so the closed-loop
 * figures are not limited by a Java client sharing the JVM, the heap and the cores with what it measures.
 * It runs {@code webhooks.lua} against 127.0.0.1 only, within {@link Limits}.
 */
public final class Wrk {
    public static final String INSTALL_HINT = "wrk is not installed (the harness's closed-loop HTTP load comes from it):"
            + " install it with `sudo apt-get install wrk` (Debian/Ubuntu; any wrk 4.x on the PATH will do)";
    static final String SCRIPT = "webhooks.lua";
    private final Path binary;

    private Wrk(Path binary) {
        this.binary = binary;
    }

    /** wrk on the PATH, or an exception that says how to install it: no silent fallback to a Java client. */
    public static Wrk require() {
        return find().map(Wrk::new).orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Path binary() {
        return binary;
    }

    /**
     * One closed-loop run of {@code connections} connections over {@code threads} wrk threads for
     * {@code duration}, with the request data WrkWebhookPool wrote into {@code dataDir}.
     */
    public WrkResult run(String name, URI target, int connections, int threads, Duration duration, Path dataDir)
            throws IOException, InterruptedException {
        LocalTarget.of(target);
        Limits.workers(connections);
        long seconds = Math.max(1, Limits.duration(duration).toSeconds());
        copyScript(dataDir);
        List<String> command = List.of(binary.toString(), "-t", Integer.toString(threads),
                "-c", Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s", "--latency",
                "-s", dataDir.resolve(SCRIPT).toString(), target.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CHB_WRK_DIR", dataDir.toString());
        Process process = pb.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(seconds + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not end: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wrk exited with " + process.exitValue() + ": " + text);
        }
        return WrkResult.parse(name, connections, threads, text);
    }

    private static void copyScript(Path dir) throws IOException {
        try (InputStream in = Wrk.class.getResourceAsStream("/wrk/" + SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /wrk/" + SCRIPT);
            }
            Files.copy(in, dir.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
