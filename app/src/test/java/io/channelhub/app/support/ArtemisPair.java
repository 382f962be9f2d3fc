package io.channelhub.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The production broker shape as processes: two brokers from the Artemis distribution (unpacked from Maven
 * Central by the build into {@code target/artemis}), each an instance made by {@code artemis create}, running
 * {@code config/artemis/broker.xml} as docker-compose does — a primary and, with {@code config/artemis/backup.properties},
 * its backup — on one shared data directory (the shared store). {@link #killPrimary()} is a kill -9; the backup
 * takes the store's lock and becomes the active broker.
 */
public final class ArtemisPair implements AutoCloseable {
    public static final String USER = "hub";
    public static final String PASSWORD = "hub-broker-secret";
    private static final Path CONFIG = Path.of("..", "config", "artemis").toAbsolutePath().normalize();
    private final Path dir;
    private final Broker primary;
    private final Broker backup;

    public ArtemisPair(Path dir) {
        this.dir = dir;
        int primaryPort = freePort();
        int backupPort = freePort();
        this.primary = new Broker("primary", primaryPort, backupPort);
        this.backup = new Broker("backup", backupPort, primaryPort);
    }

    /** Creates both instances and starts the primary, then the backup, which waits on the store's lock. */
    public ArtemisPair start() throws IOException, InterruptedException {
        Path shared = Files.createDirectories(dir.resolve("shared-store"));
        primary.create(shared, false);
        backup.create(shared, true);
        primary.start();
        awaitListening(primary.port, Duration.ofSeconds(60));
        backup.start();
        awaitLogged(backup, "AMQ221031", Duration.ofSeconds(60)); // backup announced
        return this;
    }

    /** The hub's broker URL: both brokers, failing over between them. */
    public String url() {
        return "(tcp://127.0.0.1:" + primary.port + ",tcp://127.0.0.1:" + backup.port
                + ")?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5"
                + "&maxRetryInterval=2000&callTimeout=10000";
    }

    public Map<String, String> hubProperties() {
        return Map.of("spring.artemis.mode", "native",
                "spring.artemis.embedded.enabled", "false",
                "spring.artemis.broker-url", url(),
                "spring.artemis.user", USER,
                "spring.artemis.password", PASSWORD);
    }

    public void killPrimary() {
        primary.kill();
    }

    /** Waits until the backup logs that it is the active broker. */
    public void awaitBackupActive(Duration timeout) throws IOException, InterruptedException {
        awaitLogged(backup, "AMQ221010", timeout); // "Backup Server is now active"
    }

    public Path log(String role) {
        return dir.resolve(role + ".log");
    }

    @Override
    public void close() {
        primary.kill();
        backup.kill();
    }

    private final class Broker {
        final String role;
        final int port;
        final int peerPort;
        Process process;

        Broker(String role, int port, int peerPort) {
            this.role = role;
            this.port = port;
            this.peerPort = peerPort;
        }

        Path instance() {
            return dir.resolve(role);
        }

        void create(Path shared, boolean isBackup) throws IOException, InterruptedException {
            Process create = new ProcessBuilder("bash", home().resolve("bin/artemis").toString(), "create",
                    instance().toString(), "--user", USER, "--password", PASSWORD, "--require-login", "--no-web",
                    "--silent", "--nio", "--no-autotune", "--host", "127.0.0.1", "--force")
                    .redirectErrorStream(true).redirectOutput(dir.resolve(role + "-create.log").toFile()).start();
            if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IllegalStateException("artemis create failed: "
                        + Files.readString(dir.resolve(role + "-create.log")));
            }
            Path etc = instance().resolve("etc");
            Files.copy(CONFIG.resolve("broker.xml"), etc.resolve("broker.xml"), StandardCopyOption.REPLACE_EXISTING);
            if (isBackup) {
                Files.copy(CONFIG.resolve("backup.properties"), etc.resolve("broker.properties"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            // the shared store: both instances' data/ is one directory, as the compose file's shared volume
            Path data = instance().resolve("data");
            if (Files.exists(data)) {
                try (var files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createSymbolicLink(data, shared);
        }

        void start() throws IOException {
            ProcessBuilder run = new ProcessBuilder("bash", instance().resolve("bin/artemis").toString(), "run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(role).toFile()));
            run.environment().put("JAVA_HOME", System.getProperty("java.home"));
            run.environment().put("JAVA_ARGS", "-Xms64m -Xmx384m -XX:+UseSerialGC");
            run.environment().put("JAVA_ARGS_APPEND", String.join(" ", List.of(
                    "-Dartemis.host=127.0.0.1", "-Dartemis.port=" + port,
                    "-Dartemis.peer.host=127.0.0.1", "-Dartemis.peer.port=" + peerPort,
                    "-Dartemis.cluster.password=pair-test-secret")));
            process = run.start();
        }

        void kill() {
            if (process != null && process.isAlive()) {
                // bin/artemis execs the JVM: the process is the broker itself
                process.destroyForcibly();
                try {
                    process.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Path home() {
        Path home = Path.of(System.getProperty("hub.test.artemis.home", "target/artemis/apache-artemis"));
        if (!Files.isRegularFile(home.resolve("bin/artemis"))) {
            throw new IllegalStateException("the Artemis distribution is not in " + home.toAbsolutePath()
                    + " (the build unpacks it before the integration tests)");
        }
        return home;
    }

    private void awaitLogged(Broker broker, String code, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log(broker.role)) && Files.readString(log(broker.role)).contains(code)) {
                return;
            }
            if (broker.process != null && !broker.process.isAlive()) {
                throw new IllegalStateException("the " + broker.role + " broker exited; see " + log(broker.role));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the " + broker.role + " broker did not log " + code + " within " + timeout
                + "; see " + log(broker.role));
    }

    private static void awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("no broker on port " + port + " within " + timeout);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
