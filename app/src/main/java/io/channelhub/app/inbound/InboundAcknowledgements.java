package io.channelhub.app.inbound;

import io.channelhub.app.persistence.TransactionHooks;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.TenantConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Acknowledges the inbound interactions a provider waits for (Telegram's button taps), once the intake's database
 * transaction recorded the message, on Spring's task executor so the intake never waits for a provider. Not
 * retried: the provider accepts an acknowledgement only briefly, and a missing one only leaves a spinner turning.
 */
@Component
class InboundAcknowledgements {
    private static final Logger LOG = LoggerFactory.getLogger(InboundAcknowledgements.class);
    private final TaskExecutor executor;

    InboundAcknowledgements(@Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.executor = executor;
    }

    void afterCommit(ChannelConnector connector, InboundMessage message, TenantConnector tc) {
        connector.inboundAcknowledgement().filter(ack -> ack.awaited(message)).ifPresent(ack ->
                TransactionHooks.afterCommit(() -> executor.execute(() -> {
                    try {
                        ack.acknowledge(message, tc);
                    } catch (RuntimeException e) {
                        LOG.info("Could not acknowledge {} message {} of tenant {}: {}", tc.channel(),
                                message.providerMessageId(), tc.tenantId(),
                                tc.secrets().redact(String.valueOf(e.getMessage())));
                    }
                })));
    }
}
