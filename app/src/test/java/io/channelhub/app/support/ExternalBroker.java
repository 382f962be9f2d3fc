package io.channelhub.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.PrimaryOnlyPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A stand-alone Artemis broker in the test's JVM that a hub process uses as its external broker
 * ({@code spring.artemis.mode=native}), so a test can stop it and start it again on the same journal. It
 * runs the production broker configuration ({@code config/artemis/broker.xml}, what docker-compose gives
 * the Artemis container), with the test's own directories and port and without the container's users.
 */
public final class ExternalBroker implements AutoCloseable {
    private static final Path BROKER_XML = Path.of("..", "config", "artemis", "broker.xml").toAbsolutePath().normalize();
    private final Path dir;
    private final int port;
    private EmbeddedActiveMQ broker;

    public ExternalBroker(Path dir) {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ExternalBroker start() throws Exception {
        FileConfiguration config = productionConfiguration();
        config.setSecurityEnabled(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.clearAcceptorConfigurations();
        config.addAcceptorConfiguration("tcp", url() + "?protocols=CORE");
        // one broker, not the pair the file describes (ArtemisPair runs that)
        config.getClusterConfigurations().clear();
        config.setHAPolicyConfiguration(new PrimaryOnlyPolicyConfiguration());
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        return this;
    }

    /** {@code config/artemis/broker.xml} as Artemis reads it. */
    public static FileConfiguration productionConfiguration() throws Exception {
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager files = new FileDeploymentManager(BROKER_XML.toUri().toString());
        files.addDeployable(config);
        files.readConfiguration();
        return config;
    }

    public void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
