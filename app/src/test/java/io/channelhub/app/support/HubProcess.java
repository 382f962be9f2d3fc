package io.channelhub.app.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged hub ({@code app/target/hub-app-*.jar}) started as its own operating-system process, as
 * in production: for tests that need a JVM boundary (a platform client outside the hub's JVM) or a
 * {@code kill -9}. Its output goes to {@code hub.log} in its data directory.
 */
public final class HubProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Path dataDir;
    private final int httpPort;
    private final int brokerPort;
    private final Map<String, String> properties;
    private Process process;

    public HubProcess(Path dataDir, Map<String, String> properties) {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.properties = properties;
    }

    public static Path jar() {
        String configured = System.getProperty("hub.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "hub-app-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the hub jar is not built: " + jar.toAbsolutePath()
                    + " (process tests run in the verify phase, after package)");
        }
        return jar;
    }

    /**
     * Starts the process and waits until its health endpoint answers UP. After {@link #kill()} it may be
     * called again: the restarted hub keeps the ports and the data directory (journal, database).
     */
    public HubProcess start(Duration timeout) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar",
                jar().toAbsolutePath().toString(),
                "--server.port=" + httpPort,
                "--hub.data-dir=" + dataDir.toAbsolutePath(),
                "--hub.broker.acceptor=tcp://127.0.0.1:" + brokerPort + "?protocols=CORE,AMQP"));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("hub.log").toFile()))
                    .directory(dataDir.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(timeout);
        return this;
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
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the hub did not become healthy within " + timeout + "; see " + log());
    }

    /** kill -9: no shutdown hooks, no flushing, as a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A request as a client in another process makes it: a JSON body (or none), a bearer token (or none). A hub that
     * is down or killed meanwhile is an {@link IOException}.
     */
    public HttpResponse<String> call(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(method, path, token, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json), "application/json", Map.of());
    }

    /** A POST of raw bytes with the given headers (a provider's signed webhook). */
    public HttpResponse<String> post(String path, byte[] body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send("POST", path, null, HttpRequest.BodyPublishers.ofByteArray(body), contentType, headers);
    }

    private HttpResponse<String> send(String method, String path, String token, HttpRequest.BodyPublisher body,
                                      String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(15))
                .method(method, body).header("Content-Type", contentType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return dataDir.resolve("hub.log");
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
