package io.channelhub.app.broker;

import jakarta.annotation.PreDestroy;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.time.Instant;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Knows whether the external broker is reachable, so intake can answer 503 at once instead of waiting
 * for a send to time out: nothing is answered 2xx that is not durably queued, and callers learn within
 * milliseconds to retry. It keeps one plain connection to the broker whose failure listener fires as
 * soon as the broker goes away, and reconnects in the background until it is back. With the embedded
 * broker (same JVM) it is always available.
 */
@Component
public class BrokerGuard {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerGuard.class);
    private static final long RECONNECT_MILLIS = 500;
    private final ArtemisProperties artemis;
    private final boolean external;
    /** Its own thread: a connection attempt blocks up to 2 s, which Spring's shared scheduler must not wait for. */
    private final ThreadPoolTaskScheduler reconnects;
    private volatile boolean available = true;
    private volatile Connection watch;

    public BrokerGuard(ArtemisProperties artemis, ThreadPoolTaskSchedulerBuilder schedulers) {
        this.artemis = artemis;
        this.reconnects = schedulers.poolSize(1).threadNamePrefix("broker-guard-").build();
        this.reconnects.initialize();
        this.external = artemis.getMode() == org.springframework.boot.autoconfigure.jms.artemis.ArtemisMode.NATIVE;
    }

    /** Throws {@link BrokerUnavailableException} while the broker is down. */
    public void requireAvailable() {
        if (!available) {
            throw new BrokerUnavailableException();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void watchExternalBroker() {
        if (external) {
            reconnects.execute(this::connect);
        }
    }

    private void connect() {
        try {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(artemis.getBrokerUrl(),
                    artemis.getUser(), artemis.getPassword());
            factory.setReconnectAttempts(0);
            factory.setInitialConnectAttempts(1);
            factory.setCallTimeout(2000);
            Connection connection = factory.createConnection();
            connection.setExceptionListener(e -> lost());
            connection.start();
            watch = connection;
            if (!available) {
                LOG.warn("Broker {} is reachable again", artemis.getBrokerUrl());
            }
            available = true;
        } catch (JMSException | RuntimeException e) {
            available = false;
            reconnects.schedule(this::connect, Instant.now().plusMillis(RECONNECT_MILLIS));
        }
    }

    private void lost() {
        if (available) {
            LOG.error("Broker {} is unreachable: intake answers 503 until it is back", artemis.getBrokerUrl());
        }
        available = false;
        closeWatch();
        reconnects.schedule(this::connect, Instant.now().plusMillis(RECONNECT_MILLIS));
    }

    private void closeWatch() {
        Connection c = watch;
        watch = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException | RuntimeException ignored) {
                // already broken
            }
        }
    }

    @PreDestroy
    void stop() {
        reconnects.shutdown();
        closeWatch();
    }

    /** The broker is down: the request cannot be queued durably. */
    public static class BrokerUnavailableException extends RuntimeException {
        public BrokerUnavailableException() {
            super("the message broker is unreachable", null, false, false);
        }
    }
}
