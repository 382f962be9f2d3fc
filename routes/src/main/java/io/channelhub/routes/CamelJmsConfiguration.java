package io.channelhub.routes;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel {@code jms} component on Spring Boot's (pooled) Artemis connection factory. Consumers and
 * producers share the factory, so a producer inside a transacted consumer joins its transaction.
 */
@Configuration(proxyBeanMethods = false)
class CamelJmsConfiguration {

    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        // Incoming JMS properties never leak into outgoing messages by accident: steps set them explicitly.
        jms.getConfiguration().setIncludeSentJMSMessageID(false);
        jms.getConfiguration().setDeliveryPersistent(true);
        // Transacted consumers use a local JMS transaction on their own (cached) session, which the listener
        // container exposes to the publishers on its thread: the consumed message and everything published
        // for it commit together. Camel would otherwise create a JmsTransactionManager whose separate
        // session carries the sends and commits after the consumer's session has acknowledged the message:
        // a kill -9 between the two commits lost the message (found by CrashRecoveryIT).
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        // Each consumer on a virtual thread: a dispatch consumer waits on a provider for every message, so the
        // calls in flight are as many as the consumers (100 at 2,000 sends/s and 50 ms), without a platform
        // thread each. Since Java 24 a virtual thread blocked in a synchronized block (the Artemis client's)
        // no longer pins its carrier.
        SimpleAsyncTaskExecutor consumers = new SimpleAsyncTaskExecutor("jms-");
        consumers.setVirtualThreads(true);
        jms.getConfiguration().setTaskExecutor(consumers);
        return jms;
    }
}
