package io.channelhub.bench.baseline;

import io.channelhub.bench.load.Call;
import io.channelhub.bench.load.ClosedLoopLoad;
import io.channelhub.bench.load.LoadResult;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker alone: an embedded Artemis (in RawArtemisProcess's child JVM) configured as the hub's (Spring
 * Boot's embedded defaults: persistent, NIO journal; the hub's 500 µs journal buffer timeout and persisted
 * 200,000-entry duplicate-id cache), with N producers over the in-VM connector (like the hub's pooled factory: 4
 * connections) each sending 1 KiB persistent messages synchronously, with a duplicate id as the hub's
 * intake sets one.
 */
public final class RawArtemisBaseline implements AutoCloseable {
    public static final int PAYLOAD_BYTES = 1024;
    private static final String QUEUE = "bench.raw";
    private static final int CONNECTIONS = 4;
    private final Path dir;
    private final ActiveMQServer server;
    private final ActiveMQConnectionFactory factory;
    private final List<Connection> connections = new ArrayList<>();

    public RawArtemisBaseline(Path dir, Duration journalBufferTimeout) throws Exception {
        this.dir = dir;
        ConfigurationImpl c = new ConfigurationImpl();
        c.setSecurityEnabled(false);
        c.setPersistenceEnabled(true);
        c.setJournalType(JournalType.NIO);
        c.setJournalDirectory(dir.resolve("journal").toString());
        c.setBindingsDirectory(dir.resolve("bindings").toString());
        c.setLargeMessagesDirectory(dir.resolve("largemessages").toString());
        c.setPagingDirectory(dir.resolve("paging").toString());
        c.setJMXManagementEnabled(false);
        c.getAcceptorConfigurations().add(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                java.util.Map.of("serverId", 7)));
        int nanos = (int) journalBufferTimeout.toNanos();
        c.setJournalBufferTimeout_NIO(nanos);
        c.setJournalBufferTimeout_AIO(nanos);
        c.setIDCacheSize(200_000);
        c.setPersistIDCache(true);
        c.addQueueConfiguration(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        server = ActiveMQServers.newActiveMQServer(c, false);
        server.start();
        factory = new ActiveMQConnectionFactory("vm://7");
        for (int i = 0; i < CONNECTIONS; i++) {
            Connection connection = factory.createConnection();
            connection.start();
            connections.add(connection);
        }
    }

    public String journalType() {
        return server.getConfiguration().getJournalType().name();
    }

    public LoadResult run(int producers, Duration warmup, Duration window) throws Exception {
        byte[] payload = new byte[PAYLOAD_BYTES];
        ThreadLocalRandom.current().nextBytes(payload);
        String runTag = Long.toHexString(System.nanoTime());
        LoadResult r = ClosedLoopLoad.run("raw-artemis-c" + producers, producers, warmup, window, 0,
                worker -> new Call() {
                    final Session session = connections.get(worker % CONNECTIONS).createSession(false,
                            Session.AUTO_ACKNOWLEDGE);
                    final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));

                    {
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    }

                    @Override
                    public boolean call(long seq) throws Exception {
                        BytesMessage m = session.createBytesMessage();
                        m.writeBytes(payload);
                        m.setStringProperty("_AMQ_DUPL_ID", runTag + "-" + seq);
                        producer.send(m);
                        return true;
                    }

                    @Override
                    public void close() throws Exception {
                        session.close();
                    }
                });
        purge();
        return r;
    }

    private void purge() throws Exception {
        server.locateQueue(QUEUE).deleteAllReferences();
    }

    @Override
    public void close() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        factory.close();
        server.stop();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
