package io.channelhub.app.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every instance's caches of shared state in step: a change made on one instance is forgotten there at once
 * and announced on the broker's topic {@value #TOPIC}, whose subscriber on every other instance forgets it too —
 * within milliseconds, not the caches' expiry. The caches still expire (tokens 5 s, tenants and connectors 10 s),
 * which stays the bound when an announcement is lost (the broker failing over at that moment): a subscription is
 * not durable, so an instance that was away learns nothing it missed, and needs not to, since it started cold.
 * The announcement leaves after the change commits, so no instance reloads the old state in between.
 */
@Component
public class ClusterChanges {
    public static final String TOPIC = "hub.changes";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterChanges.class);
    private static final String STATE = "state";
    private static final String KEY = "key";
    private static final String ORIGIN = "origin";
    /** Another instance's caches expire within seconds anyway: an announcement older than this is moot. */
    private static final long TIME_TO_LIVE_MILLIS = 30_000;
    private final String origin = UUID.randomUUID().toString();
    private final Map<SharedState, Consumer<String>> forgetters = new EnumMap<>(SharedState.class);
    private final JmsTemplate announcements;
    private final DefaultMessageListenerContainer subscription;

    public ClusterChanges(ConnectionFactory connectionFactory) {
        this.announcements = new JmsTemplate(connectionFactory);
        announcements.setPubSubDomain(true);
        announcements.setExplicitQosEnabled(true);
        announcements.setDeliveryPersistent(false);
        announcements.setTimeToLive(TIME_TO_LIVE_MILLIS);
        this.subscription = new DefaultMessageListenerContainer();
        subscription.setConnectionFactory(connectionFactory);
        subscription.setDestinationName(TOPIC);
        subscription.setPubSubDomain(true);
        subscription.setMessageListener((jakarta.jms.MessageListener) this::received);
        subscription.setAutoStartup(false);
        subscription.setBeanName("cluster-changes");
    }

    /** How this instance forgets its cached copy of {@code state}; one cache per kind of state. */
    public synchronized void onChange(SharedState state, Consumer<String> forget) {
        if (forgetters.putIfAbsent(state, forget) != null) {
            throw new IllegalStateException("a second cache of " + state);
        }
    }

    /** {@code state} under {@code key} changed: forgotten here now, and on the other instances once committed. */
    public void changed(SharedState state, String key) {
        forget(state, key);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announce(state, key);
                }
            });
        } else {
            announce(state, key);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        subscription.afterPropertiesSet();
        subscription.start();
    }

    @PreDestroy
    void unsubscribe() {
        subscription.shutdown();
    }

    private void announce(SharedState state, String key) {
        try {
            announcements.send(TOPIC, session -> {
                Message m = session.createMessage();
                m.setStringProperty(STATE, state.name());
                m.setStringProperty(KEY, key);
                m.setStringProperty(ORIGIN, origin);
                return m;
            });
        } catch (JmsException e) {
            LOG.warn("Could not announce a change of {} to the other instances; they see it when their caches"
                    + " expire: {}", state, e.getMessage());
        }
    }

    private void received(Message m) {
        try {
            if (!origin.equals(m.getStringProperty(ORIGIN))) {
                forget(SharedState.valueOf(m.getStringProperty(STATE)), m.getStringProperty(KEY));
            }
        } catch (JMSException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("Ignored a malformed change announcement: {}", e.getMessage());
        }
    }

    private void forget(SharedState state, String key) {
        Consumer<String> forget;
        synchronized (this) {
            forget = forgetters.get(state);
        }
        if (forget != null) {
            forget.accept(key);
        }
    }
}
