package io.channelhub.app.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.channelhub.app.flow.DeadLetters;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ContactEvent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.StatusUpdate;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.routes.port.BatchStep;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.RetryPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake consumer: each queued raw payload → the connector's normalizer → canonical messages, status
 * events and contact events, published in the same JMS transaction. A batch of payloads shares one database
 * transaction, committed before the JMS one: a crash between the two redelivers the batch, and the
 * recorder recognises its own earlier attempt. A payload the normalizer cannot read goes to the dead
 * letters with its raw body at once; an unexpected failure is retried by the broker and dead-lettered
 * once the attempts are spent.
 */
@Component
class NormalizeStep implements BatchStep {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    private final ConnectorCatalog catalog;
    private final TenantConnectors connectors;
    private final InboundRecorder recorder;
    private final ContactEventRecorder contactEvents;
    private final InboundAcknowledgements acknowledgements;
    private final StatusMatcher statuses;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;
    private final TransactionTemplate transaction;

    NormalizeStep(ConnectorCatalog catalog, TenantConnectors connectors, InboundRecorder recorder,
                  ContactEventRecorder contactEvents, InboundAcknowledgements acknowledgements,
                  StatusMatcher statuses, DeadLetters deadLetters, RetryPolicy retry, TransactionTemplate transaction) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.recorder = recorder;
        this.contactEvents = contactEvents;
        this.acknowledgements = acknowledgements;
        this.statuses = statuses;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.transaction = transaction;
    }

    @Override
    public List<Outgoing> process(List<QueuedMessage> batch) {
        return transaction.execute(status -> {
            List<Outgoing> out = new ArrayList<>();
            for (QueuedMessage message : batch) {
                out.addAll(normalize(message));
            }
            return out;
        });
    }

    private List<Outgoing> normalize(QueuedMessage message) {
        String tenantId = message.property("tenantId");
        String channel = message.property("channel");
        ChannelConnector connector = catalog.find(channel).orElse(null);
        if (connector == null) {
            return List.of(deadLetters.bury(message, ReasonCodes.NORMALIZATION_FAILED,
                    "no connector for channel " + channel, message.deliveryCount(), null));
        }
        Instant receivedAt;
        InboundPayload payload;
        try {
            receivedAt = Instant.parse(message.property(IntakeProperties.RECEIVED_AT));
            payload = new InboundPayload(tenantId, channel, message.bytes(),
                    headers(message.property(IntakeProperties.HEADERS)), receivedAt);
        } catch (RuntimeException e) { // not put there by the hub's intake: it will not read better next time
            return List.of(deadLetters.bury(message, ReasonCodes.NORMALIZATION_FAILED,
                    "not an intake item: " + e.getMessage(), message.deliveryCount(), null));
        }
        List<InboundEvent> events;
        try {
            events = connector.normalizer().normalize(payload);
        } catch (MalformedPayloadException e) {
            return List.of(deadLetters.bury(message, ReasonCodes.NORMALIZATION_FAILED,
                    e.getMessage(), message.deliveryCount(), null));
        } catch (RuntimeException e) {
            if (!retry.spent(message.deliveryCount())) {
                throw e;
            }
            return List.of(deadLetters.bury(message, ReasonCodes.NORMALIZATION_FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), message.deliveryCount(), null));
        }
        TenantConnector tc = connectors.resolve(tenantId, channel).map(r -> r.config())
                .orElse(new TenantConnector(tenantId, channel, Map.of(), null));
        List<Outgoing> out = new ArrayList<>();
        for (InboundEvent event : events) {
            if (event instanceof InboundMessage m) {
                List<Outgoing> recorded = recorder.record(m, tc, receivedAt, message.messageId());
                if (!recorded.isEmpty()) {
                    out.addAll(recorded);
                    acknowledgements.afterCommit(connector, m, tc);
                }
            } else if (event instanceof StatusUpdate s) {
                out.addAll(statuses.match(new StatusMatcher.Pending(tenantId, channel, s, 0), message.messageId()));
            } else if (event instanceof ContactEvent c) {
                contactEvents.record(c, tc, receivedAt, message.messageId()).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Map<String, String> headers(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return HubJson.mapper().readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
