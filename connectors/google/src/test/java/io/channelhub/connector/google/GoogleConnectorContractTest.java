package io.channelhub.connector.google;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The hub's shared connector contract, run against the RBM connector and its fixtures. */
class GoogleConnectorContractTest extends ConnectorContractTest {

    private static final ChannelConnector CONNECTOR = new GoogleConnectorFactory()
            .create(GoogleFixtures.environment(Map.of("base-url", "http://127.0.0.1:9")));

    @Override
    protected ChannelConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return GoogleFixtures.tenant();
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return Stream.of("text.json", "user-file-image.json", "user-file-pdf.json", "location.json",
                        "suggestion-reply.json", "suggestion-action.json", "unknown-content.json",
                        "event-delivered.json", "event-read.json", "event-unsubscribe.json",
                        "server-ttl-expiration-revoked.json")
                .map(GoogleFixtures::inbound)
                .toList();
    }

    @Override
    protected WebhookRequest signedWebhook() {
        return GoogleFixtures.signedPush(GoogleFixtures.bytes("inbound/text.json"), GoogleFixtures.CLIENT_TOKEN);
    }
}
