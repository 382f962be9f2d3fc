package io.channelhub.connector.sms;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;
import java.time.Clock;
import java.time.Duration;

/**
 * Creates the SMS connector from hub configuration under {@code hub.channels.sms.}:
 * {@code base-url} (empty = the real Twilio; e.g. {@code http://localhost:8089} sends every Twilio API
 * call there, for tests against WireMock) and {@code timeout} (default {@code 10s}, for connecting and
 * for each answer).
 */
public final class SmsConnectorFactory implements ConnectorFactory {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public ChannelConnector create(ConnectorEnvironment environment) {
        SmsApiEndpoint endpoint = SmsApiEndpoint.of(environment.property("base-url", ""));
        Duration timeout = environment.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("hub.channels.sms.timeout must be positive: " + timeout);
        }
        Clock clock = environment.clock() == null ? Clock.systemUTC() : environment.clock();
        return new SmsConnector(endpoint, timeout, clock);
    }
}
