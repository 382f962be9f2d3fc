package io.channelhub.app.metrics;

import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.spi.ChannelConnector;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The hub's own meters, registered at start with every tag value they can take, so that
 * {@code /actuator/prometheus} lists them at zero from the first scrape: a series that appears only after
 * the first failure cannot be alerted on ("no data" is not 0), and a new user sees nothing to grep.
 */
@Component
public class HubMeters {
    public static final String DISPATCH_RETRIED = "hub.dispatch.retried";
    /** Time of one provider call, by channel and outcome (sent, transient, permanent, error). */
    public static final String PROVIDER_CALL = "hub.provider.call";
    public static final String DISPATCH_DEFERRED = "hub.dispatch.deferred";
    public static final String POLLING_SET_ASIDE = "hub.polling.set_aside";
    public static final String STATUS_UNMATCHED = "hub.status.unmatched";
    public static final String WEBHOOKS_REJECTED = "hub.webhooks.rejected";
    public static final String WEBHOOKS_DROPPED = "hub.webhooks.dropped";
    /** Messages by channel, direction and status: received inbound; accepted … rejected outbound. */
    public static final String MESSAGES = "hub.messages";
    public static final String DEAD_LETTERS = "hub.dead_letters";
    private static final String[] OUTBOUND_STATUSES = {"accepted", "sent", "delivered", "read", "failed", "rejected"};

    public HubMeters(MeterRegistry meters, ConnectorCatalog catalog) {
        for (String reason : new String[] {"circuit_open", "rate_limited"}) {
            meters.counter(DISPATCH_DEFERRED, "reason", reason);
        }
        for (ChannelConnector connector : catalog.all()) {
            String channel = connector.descriptor().id();
            meters.counter(DISPATCH_RETRIED, "channel", channel);
            meters.counter(MESSAGES, "channel", channel, "direction", "inbound", "status", "received");
            for (String status : OUTBOUND_STATUSES) {
                meters.counter(MESSAGES, "channel", channel, "direction", "outbound", "status", status);
            }
            meters.counter(DEAD_LETTERS, "channel", channel);
            meters.counter(STATUS_UNMATCHED, "channel", channel);
            if (connector.poller().isPresent()) {
                meters.counter(POLLING_SET_ASIDE, "channel", channel);
            }
            if (connector.webhooks().isPresent()) {
                meters.counter(WEBHOOKS_REJECTED, "channel", channel, "reason", "signature");
                meters.counter(WEBHOOKS_DROPPED, "channel", channel, "reason", "connector_disabled");
            }
            if (connector.descriptor().routing().isPresent()) {
                meters.counter(WEBHOOKS_DROPPED, "channel", channel, "reason", "unattributed");
            }
        }
    }
}
