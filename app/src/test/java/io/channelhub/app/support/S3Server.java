package io.channelhub.app.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for the tests: s3proxy (Maven Central's jar-with-dependencies, copied to
 * {@code target/s3proxy} by the build) as its own process, keeping objects in a directory, with AWS
 * signature v4 checked against one key pair. Its own process because its Jetty is not WireMock's.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "hub-test-access";
    public static final String SECRET_KEY = "hub-test-secret-0123456789";
    private final Path dir;
    private final int port;
    private Process process;

    public S3Server(Path dir) {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public S3Server start() throws IOException {
        Path jar = Path.of(System.getProperty("hub.test.s3proxy", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy is not in " + jar.toAbsolutePath()
                    + " (the build copies it in generate-test-resources)");
        }
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        Path config = dir.resolve("s3proxy.conf");
        StringBuilder text = new StringBuilder();
        Map.of("s3proxy.endpoint", url(),
                "s3proxy.authorization", "aws-v2-or-v4",
                "s3proxy.identity", ACCESS_KEY,
                "s3proxy.credential", SECRET_KEY,
                "jclouds.provider", "filesystem",
                "jclouds.filesystem.basedir", blobs.toAbsolutePath().toString())
                .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text);
        process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(),
                "--properties", config.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        awaitListening(Duration.ofSeconds(60));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The hub's settings for this store. */
    public Map<String, String> hubProperties(String bucket) {
        return Map.of("hub.media.store", "s3",
                "hub.media.s3.endpoint", url(),
                "hub.media.s3.bucket", bucket,
                "hub.media.s3.access-key-id", ACCESS_KEY,
                "hub.media.s3.secret-access-key", SECRET_KEY);
    }

    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("s3proxy did not listen within " + timeout);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
