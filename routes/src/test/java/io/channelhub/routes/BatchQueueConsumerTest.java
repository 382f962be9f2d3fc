package io.channelhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.routes.port.BatchStep;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BatchQueueConsumer} against an in-VM Artemis broker: what is waiting is handled as one batch with one
 * commit; a batch whose step throws is rolled back whole, and its messages then come back one per transaction,
 * so a poison message is retried and dead-lettered alone while the others it was batched with go through.
 */
class BatchQueueConsumerTest {
    private static final String WORK = "test.work";
    private static final String DONE = HubQueues.INBOUND;
    private static final String DEAD = "test.dead";
    private static final int MAX_DELIVERY_ATTEMPTS = 3;

    @TempDir
    Path dataDir;

    private EmbeddedActiveMQ broker;
    private ConnectionFactory connectionFactory;
    private Connection client;
    private BatchQueueConsumer consumer;
    /** What each call of the step got: the batch's bodies and delivery counts, in call order. */
    private final List<List<QueuedMessage>> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://0")
                .addQueueConfiguration(QueueConfiguration.of(DEAD).setRoutingType(RoutingType.ANYCAST))
                // as the hub's broker does for its internal queues: backoff, then the dead-letter address
                .addAddressSetting(WORK, new AddressSettings()
                        .setRedeliveryDelay(100)
                        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                        .setDeadLetterAddress(SimpleString.of(DEAD)));
        broker = new EmbeddedActiveMQ().setConfiguration(configuration).start();
        connectionFactory = new ActiveMQConnectionFactory("vm://0");
        client = connectionFactory.createConnection();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.stop();
        }
        client.close();
        broker.stop();
    }

    /** Passes each message on to {@link #DONE}; throws, for the whole batch, when one of them is "poison". */
    private List<Outgoing> step(List<QueuedMessage> batch) {
        calls.add(List.copyOf(batch));
        if (batch.stream().anyMatch(m -> m.text().equals("poison"))) {
            throw new IllegalStateException("cannot handle the poison message");
        }
        return batch.stream().<Outgoing>map(m -> new Outgoing.Inbound(m.text(), Map.of())).toList();
    }

    private void startConsumer(Duration isolation) {
        BatchStep step = this::step;
        consumer = new BatchQueueConsumer("test", WORK, step, connectionFactory, new JmsPublisher(connectionFactory),
                1, 100, Duration.ofMillis(20), isolation);
        consumer.start();
    }

    @Test
    void whatIsWaitingIsHandledAsOneBatch() throws Exception {
        sendTogether("m1", "m2", "m3", "m4", "m5");
        startConsumer(Duration.ofSeconds(10));

        assertThat(receiveAll(DONE, 5, Duration.ofSeconds(10))).containsExactly("m1", "m2", "m3", "m4", "m5");
        // what the client had when the first message came is one call; how many that is depends on how fast the
        // broker hands the rest over, so the test asks for batching, not for one exact split
        assertThat(calls).extracting(List::size).anyMatch(size -> size > 1);
        assertThat(calls.stream().flatMap(List::stream).map(QueuedMessage::text).toList())
                .containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void aFailedBatchIsRolledBackAndItsMessagesRetriedOneByOneSoThePoisonIsDeadLetteredAlone() throws Exception {
        sendTogether("m1", "m2", "poison", "m4", "m5");
        startConsumer(Duration.ofSeconds(30));

        // Every message other than the poison gets through, each once, and the poison ends in the dead letters.
        assertThat(receiveAll(DONE, 4, Duration.ofSeconds(10))).containsExactlyInAnyOrder("m1", "m2", "m4", "m5");
        assertThat(receiveAll(DEAD, 1, Duration.ofSeconds(10))).containsExactly("poison");
        assertThat(receiveAll(DONE, 1, Duration.ofMillis(500))).as("nothing published twice").isEmpty();

        // The call with the poison failed whole: nothing of it was published or acknowledged. (Messages the client
        // had not received yet when it began went to later calls; how many it took depends on the broker's pace.)
        int failed = 0;
        while (!texts(calls.get(failed)).contains("poison")) {
            failed++;
        }
        List<QueuedMessage> failedBatch = calls.get(failed);
        assertThat(failedBatch).allMatch(m -> m.deliveryCount() == 1);
        // Then, under isolation, one message per call: each of the failed batch redelivered after the rollback.
        List<List<QueuedMessage>> retries = calls.subList(failed + 1, calls.size());
        assertThat(retries).allMatch(batch -> batch.size() == 1);
        List<String> retried = retries.stream().map(batch -> batch.get(0).text()).toList();
        assertThat(retried).filteredOn(t -> !t.equals("poison")).containsAll(texts(failedBatch).stream()
                .filter(t -> !t.equals("poison")).toList());
        // The poison alone used up its attempts: the batch, then each single retry until the broker's limit.
        assertThat(retried).filteredOn("poison"::equals).hasSize(MAX_DELIVERY_ATTEMPTS - 1);
    }

    @Test
    void afterTheIsolationTheConsumerTakesBatchesAgain() throws Exception {
        sendTogether("a1", "poison", "a3");
        startConsumer(Duration.ofMillis(300));
        assertThat(receiveAll(DONE, 2, Duration.ofSeconds(10))).containsExactlyInAnyOrder("a1", "a3");
        assertThat(receiveAll(DEAD, 1, Duration.ofSeconds(10))).containsExactly("poison");

        Thread.sleep(600); // the isolation after the poison's last failure is over
        int before = calls.size();
        // Under isolation every call takes one message. After it, a call takes what has arrived: more than one
        // within a few rounds of four (one round can split 1+1+1+1 when the broker is slow to hand them over).
        boolean batched = false;
        for (int round = 0; round < 5 && !batched; round++) {
            String[] bodies = {"b1-" + round, "b2-" + round, "b3-" + round, "b4-" + round};
            sendTogether(bodies);
            assertThat(receiveAll(DONE, 4, Duration.ofSeconds(10))).containsExactly(bodies);
            batched = calls.subList(before, calls.size()).stream().anyMatch(batch -> batch.size() > 1);
        }
        assertThat(batched).as("batches again after the isolation").isTrue();
    }

    /** In one transaction, so they are all on the queue before the consumer takes the first. */
    private void sendTogether(String... bodies) throws JMSException {
        try (Session session = client.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createQueue(WORK))) {
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
            session.commit();
        }
    }

    /** Receives from {@code queue} until {@code count} messages arrived or {@code within} passed. */
    private List<String> receiveAll(String queue, int count, Duration within) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer receiver = session.createConsumer(session.createQueue(queue))) {
            long deadline = System.nanoTime() + within.toNanos();
            while (bodies.size() < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                TextMessage m = (TextMessage) receiver.receive(left);
                if (m != null) {
                    bodies.add(m.getText());
                }
            }
        }
        return bodies;
    }

    private static List<String> texts(List<QueuedMessage> batch) {
        return batch.stream().map(QueuedMessage::text).toList();
    }
}
