package io.channelhub.connector.email;

import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.InboundPoller;
import java.util.function.Consumer;

/** Sinks for polling tests that do not look at unreadable items: those are left for the next poll. */
final class TestSinks {

    private TestSinks() {
    }

    static InboundPoller.Sink accepting(Consumer<InboundPayload> accept) {
        return new InboundPoller.Sink() {
            @Override
            public void accept(InboundPayload payload) {
                accept.accept(payload);
            }

            @Override
            public boolean unreadable(InboundPoller.UnreadableItem item) {
                return false;
            }
        };
    }
}
