package io.channelhub.bench.hub;

import io.channelhub.bench.baseline.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged hub started as its own process, as {@code app/src/test/.../HubProcess} does: -Xmx512m,
 * its HTTP port and broker acceptor on 127.0.0.1 free ports, a fresh data directory, output to hub.log.
 * Measures the start-up: from process start to /actuator/health UP, and the hub's own log line.
 */
public final class HubUnderTest implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile(
            "Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private final Path jar;
    private final Path dataDir;
    private final int httpPort = freePort();
    private final int brokerPort = freePort();
    private Process process;
    private double startupSeconds;

    public HubUnderTest(Path jar, Path dataDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the hub jar is not built: " + jar.toAbsolutePath()
                    + " (./mvnw -q -DskipTests install)");
        }
        this.jar = jar;
        this.dataDir = dataDir;
    }

    /** The hub's Prometheus scrape, which needs a token with role ops or monitoring. */
    public java.net.http.HttpRequest metricsRequest(String token) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/actuator/prometheus")))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).build();
    }

    public HubUnderTest start(List<String> jvmArgs, Map<String, String> properties, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaBinary());
        command.add("-Xmx512m");
        command.add("-XX:+UseCompactObjectHeaders");
        aotCache().ifPresent(aot -> command.add("-XX:AOTCache=" + aot));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--hub.data-dir=" + dataDir.toAbsolutePath(),
                "--hub.broker.acceptor=tcp://127.0.0.1:" + brokerPort + "?protocols=CORE,AMQP"));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Files.createDirectories(dataDir);
            long t0 = System.nanoTime();
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .directory(dataDir.toFile()).start();
            awaitHealthy(timeout);
            startupSeconds = (System.nanoTime() - t0) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * The AOT cache beside the jar, as scripts/prepare-launch.sh leaves it next to the extracted jar: the hub is
     * then started the way scripts/run-hub.sh and the image start it.
     */
    public Optional<Path> aotCache() {
        Path aot = jar.toAbsolutePath().resolveSibling("hub.aot");
        return Files.isRegularFile(aot) ? Optional.of(aot) : Optional.empty();
    }

    /** Seconds from process start to health UP, as this harness saw them (polled every 50 ms). */
    public double startupSeconds() {
        return startupSeconds;
    }

    /** The hub's own "Started ChannelHubApplication in X seconds (process running for Y)": {X, Y}. */
    public Optional<double[]> startedLogLine() {
        try {
            Matcher m = STARTED.matcher(Files.readString(log(), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))})
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new IllegalStateException("the hub did not become healthy within " + timeout + "; see " + log());
    }

    /** Whether the hub loaded Artemis's native (libaio) journal library. */
    public boolean nativeJournalLoaded() {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid()), "maps")).contains("artemis-native");
        } catch (IOException e) {
            return false;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public int httpPort() {
        return httpPort;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return dataDir.resolve("hub.log");
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
