package io.channelhub.app.testconnector;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.ConnectorFactory;
import java.time.Duration;

/** The test channels: {@code test} without a service window, {@code testwindow} with a 24 h one. */
public final class TestChannelFactories {
    private TestChannelFactories() {
    }

    /** Channel {@code test}. */
    public static class Plain implements ConnectorFactory {
        @Override
        public String channel() {
            return "test";
        }

        @Override
        public ChannelConnector create(ConnectorEnvironment environment) {
            return new TestChannelConnector("test", environment.property("base-url", "http://127.0.0.1:1"), null);
        }
    }

    /** Channel {@code testwindow}: free-form content only within 24 h of the contact's last message. */
    public static class Windowed implements ConnectorFactory {
        @Override
        public String channel() {
            return "testwindow";
        }

        @Override
        public ChannelConnector create(ConnectorEnvironment environment) {
            return new TestChannelConnector("testwindow", environment.property("base-url", "http://127.0.0.1:1"),
                    Duration.ofHours(24));
        }
    }
}
